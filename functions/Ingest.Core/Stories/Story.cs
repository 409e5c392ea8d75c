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
