using Ingest.Core.Deliveries;
using Ingest.Core.Model;
using Ingest.Core.Stories;

namespace Ingest.Core.Monitoring;

/// <summary>
/// What the monitoring endpoint and the dashboard show: each feed's polling state, hits per topic, queue depths,
/// digest deliveries, when the timers last ran, and the freshness verdict drawn from all of it.
/// </summary>
/// <param name="StorageError">Why storage did not answer; null when it did (and then everything else is filled in).</param>
public sealed record ServiceStatus(
    DateTimeOffset GeneratedAt,
    string? StorageError,
    IReadOnlyList<FeedRecord> Feeds,
    IReadOnlyDictionary<string, TopicActivity> Topics,
    IReadOnlyDictionary<string, QueueDepth> Queues,
    DigestActivity Digests,
    IReadOnlyDictionary<string, TimerRun> Timers,
    FreshnessReport Freshness);

public sealed record QueueDepth(int Messages, int Poison);

/// <summary>
/// A topic's hits found in the last day and week, its newest hit (by publication) whenever that was, and its spikes
/// of the last <see cref="StatusReader.SpikeDays"/> days, newest first.
/// </summary>
public sealed record TopicActivity(int HitsLast24Hours, int HitsLast7Days, LatestHit? Latest, IReadOnlyList<Spike> Spikes);

/// <summary>Digests and alerts: deliveries of the last day, and those whose last try failed (any time).</summary>
public sealed record DigestActivity(DateTimeOffset? LastScheduleRun, int SentLast24Hours, int FailedLast24Hours, IReadOnlyList<Delivery> Failed);
