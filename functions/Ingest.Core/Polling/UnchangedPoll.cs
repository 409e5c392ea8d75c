namespace Ingest.Core.Polling;

/// <summary>
/// What a poll writes when the feed answered 304 to the validators its message carried: the poll's own fields only,
/// so the feed's row need not be read first. <paramref name="MovedTo"/> is the feed's new address after a permanent
/// redirect, if there was one.
/// </summary>
public sealed record UnchangedPoll(string FeedId, DateTimeOffset PolledAt, DateTimeOffset NextPollAt, string? MovedTo = null);
