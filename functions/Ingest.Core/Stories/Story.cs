namespace Ingest.Core.Stories;

/// <summary>
/// One real-world event as Ingest has seen it reported: its first report's title, its best report, how many reports
/// from which feeds, the topics they matched, and what new reports are compared with — the copy signatures of its
/// first reports (<see cref="Signatures"/>, at most <see cref="MaxSignatures"/>) and the profile of everything its
/// reports said (<see cref="Profile"/>). <see cref="Members"/> holds the
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
    IReadOnlyList<StorySignature> Signatures,
    EventProfile Profile,
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

    /// <summary>Reports whose copy signatures a story keeps: a copy of any of them joins it as a copy.</summary>
    public const int MaxSignatures = 4;

    public bool IsCopiedBy(StorySignature signature) => Signatures.Any(signature.IsSameStory);

    public bool Has(string articleKey) => Members.Contains(articleKey[..MemberKeyLength]);
}

/// <summary>A report to file under a story: a new article that matched at least one topic.</summary>
public sealed record StoryReport(string ArticleKey, string Title, string Text, string FeedId, DateTimeOffset At, IReadOnlyList<string> Topics, double Score);

/// <summary>
/// Which story a report belongs to, whether it founded it, and the topics it brought to the story: all of the report's
/// for a new story, those the story did not have yet for a report that joined. Alerts go out for those topics only.
/// </summary>
public sealed record StoryAssignment(Story Story, bool IsNew, IReadOnlyList<string> AddedTopics);

/// <summary>A story a key leads to, and when the key was written for it (a key of a story not stored yet that is older than a few seconds was left by a founding that failed).</summary>
public sealed record StoryRef(string Id, string Partition, DateTimeOffset At);

/// <summary>
/// A key new reports look stories up by — a band of a copy signature, or one of an event's names and numbers — and
/// the stories that hold it, newest first, at most <see cref="MaxStories"/>. <see cref="ETag"/> is null for a key
/// not stored yet.
/// </summary>
public sealed record StoryKey(string Key, IReadOnlyList<StoryRef> Stories, string? ETag)
{
    public const int MaxStories = 8;
}

/// <summary>
/// Stories and the keys they are found by, in storage. Keys are written all or none, each only if unchanged since it
/// was read, so of two polls founding a story under one key, one wins and the other looks again.
/// </summary>
public interface IStoryStore
{
    /// <summary>The stored keys among <paramref name="keys"/>; keys never written are left out.</summary>
    Task<IReadOnlyList<StoryKey>> FindKeysAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken);

    /// <summary>Writes the keys all or none: a key with no ETag is added, one with an ETag replaced if unchanged; false when any changed meanwhile.</summary>
    Task<bool> TryWriteKeysAsync(IReadOnlyList<StoryKey> keys, CancellationToken cancellationToken);

    Task<Story?> GetAsync(string partition, string id, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts a story without an ETag, or replaces the stored version; the story as stored (with its new ETag), or
    /// null when it exists already or changed since it was read.
    /// </summary>
    Task<Story?> TrySaveAsync(Story story, CancellationToken cancellationToken);

    /// <summary>Stories Ingest founded since <paramref name="since"/>, newest first.</summary>
    Task<IReadOnlyList<Story>> ListAsync(DateTimeOffset since, CancellationToken cancellationToken);
}
