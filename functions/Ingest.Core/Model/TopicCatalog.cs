using Ingest.Core.Topics;

namespace Ingest.Core.Model;

/// <summary>One topic as pages, mails and feeds name it.</summary>
/// <param name="ShortName">A few words for mail subjects ("KFOR", "Arms deals").</param>
public sealed record TopicEntry(string Id, string Title, string ShortName, string Description);

/// <summary>
/// The topics Ingest follows, in the model's order: what every page, mail and feed lists, without reaching through the
/// matcher. An id the catalogue does not know (a topic since removed from the model) is named by its id.
/// </summary>
public sealed class TopicCatalog
{
    private readonly Dictionary<string, TopicEntry> byId;

    /// <param name="version">The topic model's version, which changes when topics or their terms do.</param>
    public TopicCatalog(IEnumerable<TopicEntry> topics, int version = 0)
    {
        Version = version;
        Topics = [.. topics];
        byId = Topics.ToDictionary(t => t.Id, StringComparer.Ordinal);
        ShortNames = Topics.ToDictionary(t => t.Id, t => t.ShortName, StringComparer.Ordinal);
    }

    /// <summary>Each topic's short name by id, as digests title their sections.</summary>
    public IReadOnlyDictionary<string, string> ShortNames { get; }

    public int Version { get; }

    public IReadOnlyList<TopicEntry> Topics { get; }

    public static TopicCatalog From(TopicModel model) =>
        new(model.Topics.Select(t => new TopicEntry(t.Id, t.Title, t.ShortName, t.Description)), model.Version);

    public TopicEntry? Find(string id) => byId.GetValueOrDefault(id);

    /// <summary>What <paramref name="subscriber"/> follows, as their pages, mails and feed name it: their topics, then their watches.</summary>
    public IReadOnlyList<TopicEntry> Followed(Subscriber subscriber) =>
        [.. Topics.Where(t => subscriber.Topics.Contains(t.Id)), .. subscriber.WatchQueries.Select(Watch)];

    /// <summary>Every topic's short name and those of <paramref name="subscriber"/>'s watches, by id.</summary>
    public IReadOnlyDictionary<string, string> ShortNamesFor(Subscriber subscriber) =>
        subscriber.Watches is not { Count: > 0 }
            ? ShortNames
            : new Dictionary<string, string>(ShortNames.Concat(subscriber.WatchQueries.Select(w => KeyValuePair.Create(w.Id, Watch(w).ShortName))), StringComparer.Ordinal);

    /// <summary>A watch named by its words, in quotes, so that it reads apart from the model's topics.</summary>
    public static TopicEntry Watch(WatchQuery watch) =>
        new(watch.Id, $"Your watch “{watch.Text}”", $"“{watch.Text}”", $"Articles that match {watch.Text}");

    public string Title(string id) => byId.TryGetValue(id, out var topic) ? topic.Title : id;

    public string ShortName(string id) => byId.TryGetValue(id, out var topic) ? topic.ShortName : id;
}
