namespace Ingest.Core.Stories;

/// <summary>
/// One event as Ingest has seen it reported: its first report's title, its best report, how many reports from which
/// feeds, the topics they matched, and the signature new reports are compared with. <see cref="Members"/> holds the
/// reports' article keys (shortened), so a retried poll never counts a report twice. <see cref="FoundAt"/> is when
/// Ingest founded it (what spikes count), and <see cref="Partition"/> that UTC day; <see cref="FirstSeen"/> and
/// <see cref="LastSeen"/> are its reports' publication times. <see cref="ETag"/> is the stored row's version (null
/// before it is stored).
/// </summary>
public sealed record Story(
    string Id,
    string Partition,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    string Title,
    string BestArticleKey,
    string BestFeedId,
    double BestScore,
    int ArticleCount,
    IReadOnlyList<string> Feeds,
    IReadOnlyList<string> Topics,
    IReadOnlyList<string> Members,
    StorySignature Signature,
    DateTimeOffset FoundAt,
    string? ETag = null)
{
    /// <summary>
    /// Reports a story counts and remembers by key. Past this it is large news: further copies are filed under it
    /// (their hits carry its id) without changing its row, unless they bring a topic it did not have.
    /// </summary>
    public const int MaxMembers = 200;

    /// <summary>Characters of an article key kept in <see cref="Members"/>.</summary>
    public const int MemberKeyLength = 16;

    public bool Has(string articleKey) => Members.Contains(articleKey[..MemberKeyLength]);
}

/// <summary>A report to file under a story: a new article that matched at least one topic.</summary>
public sealed record StoryReport(string ArticleKey, string Title, string Text, string FeedId, DateTimeOffset At, IReadOnlyList<string> Topics, double Score);

/// <summary>
/// Which story a report belongs to, whether it founded it, and the topics it brought to the story: all of the report's
/// for a new story, those the story did not have yet for a report that joined. Alerts go out for those topics only.
/// </summary>
public sealed record StoryAssignment(Story Story, bool IsNew, IReadOnlyList<string> AddedTopics);

/// <summary>A band key held for a story: reports whose signatures share the key are checked against that story.</summary>
public sealed record StoryClaim(string Key, string StoryId, string StoryPartition, DateTimeOffset At, string ETag);

/// <summary>Stories and their band keys in storage. Claiming keys is all or nothing, so two polls cannot both claim one.</summary>
public interface IStoryStore
{
    Task<IReadOnlyList<StoryClaim>> FindClaimsAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken);

    /// <summary>Claims the free keys and takes over the stale claims for one story, all or none; false when any was taken meanwhile.</summary>
    Task<bool> TryReserveKeysAsync(IReadOnlyList<string> free, IReadOnlyList<StoryClaim> stale, Story story, DateTimeOffset at, CancellationToken cancellationToken);

    Task<Story?> GetAsync(string partition, string id, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts a story without an ETag, or replaces the stored version; the story as stored (with its new ETag), or
    /// null when it exists already or changed since it was read.
    /// </summary>
    Task<Story?> TrySaveAsync(Story story, CancellationToken cancellationToken);

    /// <summary>Stories Ingest founded since <paramref name="since"/>, newest first.</summary>
    Task<IReadOnlyList<Story>> ListAsync(DateTimeOffset since, CancellationToken cancellationToken);
}
