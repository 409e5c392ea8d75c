namespace Ingest.Core.Scheduling;

/// <summary>How often feeds are polled and how far failures push the next poll back.</summary>
public sealed record PollPolicy
{
    /// <summary>The normal gap between polls of a healthy feed.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>No feed waits longer than this, whatever it asks for or however often it failed.</summary>
    public TimeSpan MaxWait { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Each backoff is spread by up to this fraction either way, so failed feeds do not retry in lockstep.</summary>
    public double Jitter { get; init; } = 0.2;

    /// <summary>How many due feeds of one host are polled at once; more are spread over the interval (<see cref="PollSpread"/>). The fetcher's request slots per host.</summary>
    public int HostBurst { get; init; } = 2;
}
