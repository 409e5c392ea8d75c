namespace Ingest.Core.Polling;

/// <summary>How one poll of a message ended: its outcome, or the failure that makes the message be tried again.</summary>
public sealed record PollResult(string FeedId, PollOutcome? Outcome, Exception? Failure);
