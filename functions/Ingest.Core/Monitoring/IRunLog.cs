namespace Ingest.Core.Monitoring;

/// <summary>
/// When each timer function last ran and what it did, and when it last failed and why, so the monitoring endpoint can
/// tell a stopped schedule from a quiet one and still shows an outage after it ended.
/// </summary>
public interface IRunLog
{
    Task RecordAsync(string functionName, DateTimeOffset at, string summary, CancellationToken cancellationToken);

    /// <summary>Notes that a run failed; kept until it can be written when storage itself was the failure.</summary>
    Task NoteFailureAsync(string functionName, DateTimeOffset at, string reason, CancellationToken cancellationToken);

    Task<IReadOnlyDictionary<string, TimerRun>> ListAsync(CancellationToken cancellationToken);
}

/// <param name="FailedRuns">How many runs failed in a row up to <paramref name="LastFailedAt"/>.</param>
public sealed record TimerRun(DateTimeOffset At, string Summary, DateTimeOffset? LastFailedAt = null, string? LastFailure = null, int FailedRuns = 0);
