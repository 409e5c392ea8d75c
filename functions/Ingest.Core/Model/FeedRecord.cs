namespace Ingest.Core.Model;

/// <summary>
/// A feed Ingest polls: what the catalogue says about it (address, language, whether to fetch full articles)
/// and what polling has learned (validators for a conditional GET, when it was and will be polled, how it went).
/// <see cref="ItemKeys"/> holds short prefixes of the article keys the feed listed last time, in the feed's order, so
/// an unchanged item costs no storage read (how a row stores them is the store's business). <see cref="Arrivals"/> (an <see cref="ArrivalLog"/>) and <see cref="LastNewArticleAt"/>
/// say how fresh the feed is. <see cref="VerifiedAt"/> is its first successful poll: until then the catalogue's address is
/// only a claim (its <c>source</c> says where it was found), and the status page says the feed is unverified.
/// <see cref="Texts"/> (a <see cref="TextLog"/>) says how long its items' texts are and how many were read in full.
/// <see cref="RowVersion"/> is the stored row's version as read (null for a record not read from storage): a lease is
/// written only over it, so of two dispatchers that saw a feed due, one queues it.
/// </summary>
public sealed record FeedRecord(
    string Id,
    string Url,
    string? Title = null,
    string? Language = null,
    FullTextMode FullText = FullTextMode.Auto,
    bool Enabled = true,
    string? ETag = null,
    DateTimeOffset? LastModified = null,
    DateTimeOffset? LastPolledAt = null,
    DateTimeOffset? NextPollAt = null,
    string? LastStatus = null,
    int ConsecutiveFailures = 0,
    string? LastError = null,
    int ArticleCount = 0,
    IReadOnlyList<string>? ItemKeys = null,
    DateTimeOffset? LastNewArticleAt = null,
    ArrivalLog? Arrivals = null,
    DateTimeOffset? VerifiedAt = null,
    TextLog? Texts = null,
    string? RowVersion = null)
{
    public bool IsDue(DateTimeOffset now) => Enabled && (NextPollAt is null || NextPollAt <= now);

    /// <summary>What the dispatcher reads of a feed: whether and when it is due, where and with what validators it is fetched, and the row's version for its lease.</summary>
    public FeedRecord Schedule() => new(Id, Url, Enabled: Enabled, ETag: ETag, LastModified: LastModified, NextPollAt: NextPollAt, RowVersion: RowVersion);
}
