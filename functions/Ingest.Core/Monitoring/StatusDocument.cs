using Ingest.Core.Model;

namespace Ingest.Core.Monitoring;

/// <summary>
/// What <c>GET /api/status</c> answers, field by field (README, "Monitoring"): the freshness verdict and its reasons
/// first, then the facts behind it. Serialised with web defaults, so every name is camelCase.
/// </summary>
public sealed record StatusDocument(
    string Status,
    IReadOnlyList<string> Reasons,
    string Version,
    DateTimeOffset StartedAt,
    DateTimeOffset GeneratedAt,
    StatusDocument.StorageState Storage,
    IReadOnlyList<StatusDocument.FeedState> Feeds,
    IReadOnlyDictionary<string, StatusDocument.TopicState> Topics,
    IReadOnlyDictionary<string, StatusDocument.QueueState> Queues,
    StatusDocument.DigestState Digests,
    IReadOnlyDictionary<string, StatusDocument.TimerState> Timers)
{
    /// <summary>Failed deliveries listed at most; the count says how many there are.</summary>
    public const int MaxFailedDeliveries = 50;

    /// <summary>Spikes listed per topic reach back this far (the dashboard shows two weeks).</summary>
    public static readonly TimeSpan SpikeReach = TimeSpan.FromDays(7);

    public static StatusDocument From(ServiceStatus status, string version, DateTimeOffset startedAt)
    {
        var dayAgo = status.GeneratedAt - TimeSpan.FromDays(1);
        return new StatusDocument(
            status.Freshness.Status,
            status.Freshness.Reasons,
            version,
            startedAt,
            status.GeneratedAt,
            new StorageState(status.StorageError is null, status.StorageError),
            [.. status.Feeds.Select(f => new FeedState(f.Id, f.Title, f.Url, f.Enabled, f.VerifiedAt is not null, f.VerifiedAt, f.LastPolledAt, f.LastStatus,
                f.ConsecutiveFailures, f.LastError, f.NextPollAt, (f.Arrivals ?? ArrivalLog.Empty).CountSince(dayAgo), f.LastNewArticleAt, f.ArticleCount,
                f.FullText.ToString().ToLowerInvariant(), f.Texts?.MedianLength, f.Texts?.ReadInFullShare))],
            status.Topics.ToDictionary(t => t.Key, t => new TopicState(
                t.Value.HitsLast24Hours,
                t.Value.HitsLast7Days,
                t.Value.Latest?.PublishedAt,
                t.Value.Latest is { } latest ? new LatestLink(latest.Title, latest.Url) : null,
                t.Value.Spikes.Any(s => s.IsOpen),
                [.. t.Value.Spikes.Where(s => s.StartedAt >= status.GeneratedAt - SpikeReach).Select(s => new SpikeState(s.StartedAt, s.EndedAt, s.Peak, s.Mean, s.StoryIds.Count))])),
            status.Queues.ToDictionary(q => q.Key, q => new QueueState(q.Value.Messages, q.Value.Poison)),
            new DigestState(status.Digests.LastScheduleRun, status.Digests.SentLast24Hours, status.Digests.FailedLast24Hours,
                [.. status.Digests.Failed.Take(MaxFailedDeliveries).Select(d => new FailedDelivery(d.SubscriberId, d.PeriodId, d.UpdatedAt, d.Error))]),
            status.Timers.ToDictionary(t => t.Key, t => new TimerState(t.Value.At, t.Value.Summary, t.Value.LastFailedAt, t.Value.LastFailure, t.Value.FailedRuns)));
    }

    public sealed record StorageState(bool Reachable, string? Error);

    public sealed record FeedState(
        string Id,
        string? Title,
        string Url,
        bool Enabled,
        bool Verified,
        DateTimeOffset? VerifiedAt,
        DateTimeOffset? LastPolledAt,
        string? LastStatus,
        int ConsecutiveFailures,
        string? LastError,
        DateTimeOffset? NextPollAt,
        int ItemsLast24Hours,
        DateTimeOffset? LastNewItemAt,
        int Articles,
        string FullText,
        int? MedianItemTextLength,
        double? ReadInFullShare);

    public sealed record TopicState(int HitsLast24Hours, int HitsLast7Days, DateTimeOffset? LastHitAt, LatestLink? Latest, bool Spiking, IReadOnlyList<SpikeState> Spikes);

    public sealed record LatestLink(string Title, string Url);

    /// <param name="Usual">New stories in an hour the topic usually has: the baseline the spike stood out from.</param>
    public sealed record SpikeState(DateTimeOffset StartedAt, DateTimeOffset? EndedAt, int Peak, double Usual, int Stories);

    public sealed record QueueState(int Messages, int Poison);

    public sealed record DigestState(DateTimeOffset? LastScheduleRun, int SentLast24Hours, int FailedLast24Hours, IReadOnlyList<FailedDelivery> FailedDeliveries);

    public sealed record FailedDelivery(string Subscriber, string Period, DateTimeOffset At, string? Error);

    public sealed record TimerState(DateTimeOffset LastRunAt, string Summary, DateTimeOffset? LastFailedAt, string? LastFailure, int FailedRuns);
}
