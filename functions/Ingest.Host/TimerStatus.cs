namespace Ingest.Host;

/// <summary>A monitored timer's status: the last occurrence run, the next one, and when this was written.</summary>
public sealed record TimerStatus(DateTimeOffset Last, DateTimeOffset Next, DateTimeOffset LastUpdated);

/// <summary>How an invocation ended: the reason when it failed (the function's own log lines reach the host's log as they happen).</summary>
public sealed record InvocationResult(bool Succeeded, TimeSpan Duration, string? Failure = null);
