using Ingest.Core.Model;

namespace Ingest.Core.Publishing;

/// <summary>
/// What one caller of the read API may read: a subscriber their topics (at or above their score floor) and their
/// watches; an operator every topic, and any watch by id.
/// </summary>
public sealed record HitScope(IReadOnlyList<string> Topics, IReadOnlyDictionary<string, string> Watches, double MinScore, bool AnyWatch)
{
    public static HitScope Of(Subscriber subscriber) =>
        new(subscriber.Topics, subscriber.WatchQueries.ToDictionary(w => w.Id, w => w.Text, StringComparer.Ordinal), subscriber.MinScore ?? 0, AnyWatch: false);

    public static HitScope Operator(TopicCatalog catalog) => new([.. catalog.Topics.Select(t => t.Id)], new Dictionary<string, string>(), 0, AnyWatch: true);
}
