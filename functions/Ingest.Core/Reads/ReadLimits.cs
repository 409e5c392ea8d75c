using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Ingest.Core.Reads;

/// <summary>
/// How the read endpoints (status, dashboard, feeds) stay answerable under load: their results are shared for
/// <see cref="SnapshotAge"/>, and past <see cref="MaxConcurrent"/> requests at once to one of them the rest are told to come back after
/// <see cref="RetryAfter"/> (503) instead of queueing until the worker runs out of memory.
/// </summary>
public sealed record ReadLimits
{
    /// <summary><c>Reads__SnapshotSeconds</c> (optional, 0–300): how long a read result is shared; 5 seconds unless set.</summary>
    public const string SnapshotSecondsSetting = "Reads__SnapshotSeconds";

    public TimeSpan SnapshotAge { get; init; } = TimeSpan.FromSeconds(5);

    public int MaxConcurrent { get; init; } = 128;

    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a shared read may run before health says the worker cannot answer.</summary>
    public TimeSpan StuckAfter { get; init; } = TimeSpan.FromSeconds(60);

    public static ReadLimits Read(IConfiguration configuration)
    {
        if (configuration[SnapshotSecondsSetting.Replace("__", ":", StringComparison.Ordinal)] is not { Length: > 0 } text)
        {
            return new ReadLimits();
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= 300
            ? new ReadLimits { SnapshotAge = TimeSpan.FromSeconds(seconds) }
            : throw new InvalidOperationException($"{SnapshotSecondsSetting} must be a whole number of seconds from 0 to 300, not '{text}'.");
    }
}
