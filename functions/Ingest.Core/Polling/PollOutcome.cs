using Ingest.Core.Model;
namespace Ingest.Core.Polling;

/// <summary>What one poll of one feed did, for the invocation log and <c>ingest poll</c>.</summary>
public sealed record PollOutcome(
    string FeedId,
    string Status,
    int ItemCount,
    IReadOnlyList<StoredArticle> NewArticles,
    IReadOnlyList<StoredHit> Hits,
    string? Error = null,
    IReadOnlyList<string>? Warnings = null)
{
    public static PollOutcome Skipped(string feedId, string reason) => new(feedId, "skipped", 0, [], [], reason);

    public override string ToString() =>
        $"{FeedId}: {Status}, {ItemCount} items, {NewArticles.Count} new, {Hits.Count} hits" + (Error is null ? "" : $" ({Error})");
}

/// <summary>The values of <see cref="FeedRecord.LastStatus"/>.</summary>
public static class PollStatus
{
    public const string Ok = "ok";
    public const string NotModified = "not-modified";
    public const string Gone = "gone";
    public const string RetryLater = "retry-later";
    public const string Failed = "failed";
    public const string NotAFeed = "not-a-feed";

    /// <summary>Put back on the queue: the feed's host had no free request slot in time. Not a failure of the feed.</summary>
    public const string Requeued = "requeued";

    /// <summary>Disabled because the catalogue no longer lists the feed.</summary>
    public const string Removed = "removed";
}
