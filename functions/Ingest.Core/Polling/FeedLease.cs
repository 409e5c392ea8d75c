namespace Ingest.Core.Polling;

/// <summary>
/// A due feed kept from being queued again until <paramref name="Until"/>, while its poll is under way; written only
/// if the feed's row is still at <paramref name="RowVersion"/> (the version the dispatcher read it at), or whatever
/// the row when that is null.
/// </summary>
public sealed record FeedLease(string FeedId, DateTimeOffset Until, string? RowVersion = null);
