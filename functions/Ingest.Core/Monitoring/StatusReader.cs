using Ingest.Core.Deliveries;
using Ingest.Core.Model;
using Ingest.Core.Polling;
using Ingest.Core.Stories;

namespace Ingest.Core.Monitoring;

/// <summary>
/// Reads the <see cref="ServiceStatus"/> both the monitoring endpoint and the dashboard show, and draws the freshness
/// verdict from it. Storage that does not answer is itself the verdict (unhealthy, with the reason), never an error.
/// </summary>
public sealed class StatusReader(
    IFeedStore feeds,
    IHitReader hits,
    ISpikeStore spikes,
    IDeliveryStore deliveries,
    IQueueDepths queues,
    IRunLog runs,
    IStorageFaults faults,
    TopicCatalog topics,
    TimeProvider timeProvider)
{
    /// <summary>How far back the status and the dashboard show spikes: the dashboard's charts.</summary>
    public const int SpikeDays = 14;

    public async Task<ServiceStatus> ReadAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        try
        {
            return await ReadReachableAsync(now, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (faults.Explain(ex) is { } error)
        {
            var facts = new FreshnessFacts(now, error, 0, 0, null, null, new Dictionary<string, int>(), 0, null);
            return new ServiceStatus(now, error, [], new Dictionary<string, TopicActivity>(), new Dictionary<string, QueueDepth>(),
                new DigestActivity(null, 0, 0, []), new Dictionary<string, TimerRun>(), Freshness.Evaluate(facts));
        }
    }

    private async Task<ServiceStatus> ReadReachableAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Every read starts at once; they are independent and each is a few storage calls.
        var feedList = feeds.ListAsync(cancellationToken);
        var activity = topics.Topics.Select(topic => TopicActivityAsync(topic.Id, now, cancellationToken)).ToList();
        var depths = QueueNames.All.Select(queue => DepthAsync(queue, cancellationToken)).ToList();
        var recent = deliveries.ListUpdatedSinceAsync(now - TimeSpan.FromDays(1), cancellationToken);
        var failed = deliveries.ListFailedAsync(cancellationToken);
        var timers = runs.ListAsync(cancellationToken);

        var sorted = (await feedList.ConfigureAwait(false)).OrderBy(f => f.Id, StringComparer.Ordinal).ToList();
        var queueDepths = (await Task.WhenAll(depths).ConfigureAwait(false)).ToDictionary(d => d.Queue, d => d.Depth);
        var lastDay = await recent.ConfigureAwait(false);
        var timerRuns = await timers.ConfigureAwait(false);
        var digests = new DigestActivity(
            timerRuns.TryGetValue("ScheduleDigests", out var run) ? run.At : null,
            lastDay.Count(d => d.Status == DeliveryStatus.Sent),
            lastDay.Count(d => d.Status == DeliveryStatus.Failed),
            (await failed.ConfigureAwait(false)).OrderByDescending(d => d.UpdatedAt).ToList());
        var topicActivity = (await Task.WhenAll(activity).ConfigureAwait(false)).ToDictionary(t => t.Topic, t => t.Activity);
        return new ServiceStatus(now, null, sorted, topicActivity, queueDepths, digests, timerRuns, Freshness.Evaluate(Facts(now, sorted, queueDepths, digests)));
    }

    private static FreshnessFacts Facts(DateTimeOffset now, IReadOnlyList<FeedRecord> feedList, IReadOnlyDictionary<string, QueueDepth> queueDepths, DigestActivity digests)
    {
        var enabled = feedList.Where(f => f.Enabled).ToList();
        return new FreshnessFacts(
            now,
            null,
            enabled.Count,
            enabled.Count(f => f.ConsecutiveFailures > 0),
            feedList.Max(f => f.LastPolledAt),
            feedList.Max(f => f.LastNewArticleAt),
            queueDepths.ToDictionary(q => QueueNames.Poison(q.Key), q => q.Value.Poison),
            digests.FailedLast24Hours,
            digests.LastScheduleRun);
    }

    private async Task<(string Topic, TopicActivity Activity)> TopicActivityAsync(string topic, DateTimeOffset now, CancellationToken cancellationToken) =>
        (topic, new TopicActivity(
            await hits.CountFoundSinceAsync(topic, now - TimeSpan.FromDays(1), cancellationToken).ConfigureAwait(false),
            await hits.CountFoundSinceAsync(topic, now - TimeSpan.FromDays(7), cancellationToken).ConfigureAwait(false),
            await hits.LatestAsync(topic, cancellationToken).ConfigureAwait(false),
            await spikes.ListAsync([topic], now - TimeSpan.FromDays(SpikeDays), cancellationToken).ConfigureAwait(false)));

    private async Task<(string Queue, QueueDepth Depth)> DepthAsync(string queue, CancellationToken cancellationToken) =>
        (queue, new QueueDepth(
            await queues.CountAsync(queue, cancellationToken).ConfigureAwait(false),
            await queues.CountAsync(QueueNames.Poison(queue), cancellationToken).ConfigureAwait(false)));
}
