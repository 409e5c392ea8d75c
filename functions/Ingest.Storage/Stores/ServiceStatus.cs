using Ingest.Core.Deliveries;
using Ingest.Core.Monitoring;
using Ingest.Core.Polling;
using Ingest.Core.Stories;
using Ingest.Storage.Accounts;
using Azure.Data.Tables;
using Ingest.Core.Model;

namespace Ingest.Storage.Stores;

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
/// of the last <see cref="ServiceStatusReader.SpikeDays"/> days, newest first.
/// </summary>
public sealed record TopicActivity(int HitsLast24Hours, int HitsLast7Days, LatestHit? Latest, IReadOnlyList<Spike> Spikes);

public sealed record LatestHit(string Title, string Url, DateTimeOffset PublishedAt);

/// <summary>Digests and alerts: deliveries of the last day, and those whose last try failed (any time).</summary>
public sealed record DigestActivity(DateTimeOffset? LastScheduleRun, int SentLast24Hours, int FailedLast24Hours, IReadOnlyList<Delivery> Failed);

public static class ServiceStatusReader
{
    /// <summary>How far back the status and the dashboard show spikes: the dashboard's charts.</summary>
    public const int SpikeDays = 14;

    public static async Task<ServiceStatus> ReadAsync(StorageAccount account, IReadOnlyList<string> topicIds, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        try
        {
            return await ReadReachableAsync(account, topicIds, now, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (StorageFailure.Is(ex))
        {
            var error = StorageFailure.Describe(ex);
            var facts = new FreshnessFacts(now, error, 0, 0, null, null, new Dictionary<string, int>(), 0, null);
            return new ServiceStatus(now, error, [], new Dictionary<string, TopicActivity>(), new Dictionary<string, QueueDepth>(),
                new DigestActivity(null, 0, 0, []), new Dictionary<string, TimerRun>(), Freshness.Evaluate(facts));
        }
    }

    private static async Task<ServiceStatus> ReadReachableAsync(StorageAccount account, IReadOnlyList<string> topicIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var feeds = new FeedTable(account.GetTableClient(StorageLayout.Feeds)).ListAsync(cancellationToken);
        var hits = account.GetTableClient(StorageLayout.Hits);
        var spikes = new SpikeTable(account.GetTableClient(StorageLayout.Spikes));
        var topics = topicIds.Select(async topic => (topic, new TopicActivity(
            await CountHitsSinceAsync(hits, topic, now - TimeSpan.FromDays(1), cancellationToken).ConfigureAwait(false),
            await CountHitsSinceAsync(hits, topic, now - TimeSpan.FromDays(7), cancellationToken).ConfigureAwait(false),
            await LatestHitAsync(hits, topic, cancellationToken).ConfigureAwait(false),
            await SpikesAsync(spikes, topic, now - TimeSpan.FromDays(SpikeDays), cancellationToken).ConfigureAwait(false)))).ToList();
        var depths = StorageLayout.Queues.Select(async queue => (queue, new QueueDepth(
            await DepthAsync(account, queue, cancellationToken).ConfigureAwait(false),
            await DepthAsync(account, StorageLayout.PoisonQueue(queue), cancellationToken).ConfigureAwait(false)))).ToList();
        var deliveries = account.GetTableClient(StorageLayout.Deliveries);
        var lastDay = QueryAsync(deliveries, TableClient.CreateQueryFilter($"updatedAt ge {now - TimeSpan.FromDays(1)}"), cancellationToken);
        var failed = QueryAsync(deliveries, TableClient.CreateQueryFilter($"status eq {nameof(DeliveryStatus.Failed)}"), cancellationToken);
        var timers = new RunTable(account.GetTableClient(StorageLayout.Runs)).ListAsync(cancellationToken);

        var feedList = (await feeds.ConfigureAwait(false)).OrderBy(f => f.Id, StringComparer.Ordinal).ToList();
        var queues = (await Task.WhenAll(depths).ConfigureAwait(false)).ToDictionary(d => d.queue, d => d.Item2);
        var recent = await lastDay.ConfigureAwait(false);
        var runs = await timers.ConfigureAwait(false);
        var digests = new DigestActivity(
            runs.TryGetValue("ScheduleDigests", out var run) ? run.At : null,
            recent.Count(d => d.Status == DeliveryStatus.Sent),
            recent.Count(d => d.Status == DeliveryStatus.Failed),
            (await failed.ConfigureAwait(false)).OrderByDescending(d => d.UpdatedAt).ToList());

        var enabled = feedList.Where(f => f.Enabled).ToList();
        var facts = new FreshnessFacts(
            now,
            null,
            enabled.Count,
            enabled.Count(f => f.ConsecutiveFailures > 0),
            feedList.Max(f => f.LastPolledAt),
            feedList.Max(f => f.LastNewArticleAt),
            queues.ToDictionary(q => StorageLayout.PoisonQueue(q.Key), q => q.Value.Poison),
            digests.FailedLast24Hours,
            digests.LastScheduleRun);
        return new ServiceStatus(
            now,
            null,
            feedList,
            (await Task.WhenAll(topics).ConfigureAwait(false)).ToDictionary(t => t.topic, t => t.Item2),
            queues,
            digests,
            runs,
            Freshness.Evaluate(facts));
    }

    private static async Task<List<Delivery>> QueryAsync(TableClient deliveries, string filter, CancellationToken cancellationToken)
    {
        var found = new List<Delivery>();
        try
        {
            await foreach (var row in deliveries.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                found.Add(DeliveryTable.ToDelivery(row));
            }
        }
        catch (Azure.RequestFailedException ex) when (ex.ErrorCode == Azure.Data.Tables.Models.TableErrorCode.TableNotFound)
        {
            // No table yet, so no deliveries yet.
        }

        return found;
    }

    private static async Task<IReadOnlyList<Spike>> SpikesAsync(SpikeTable spikes, string topic, DateTimeOffset since, CancellationToken cancellationToken)
    {
        try
        {
            return await spikes.ListAsync([topic], since, cancellationToken).ConfigureAwait(false);
        }
        catch (Azure.RequestFailedException ex) when (ex.ErrorCode == Azure.Data.Tables.Models.TableErrorCode.TableNotFound)
        {
            // Created by 'ingest storage init' or the first spike; until then there are none.
            return [];
        }
    }

    private static async Task<int> CountHitsSinceAsync(TableClient hits, string topic, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var count = 0;
        // Counted by when Ingest found the hit: an old article polled today is today's news to a subscriber. Rows
        // written before foundAt existed count by publication (the row key), which is never later than finding.
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {topic} and (foundAt ge {since} or RowKey lt {ArticleTable.InvertedTicks(since)})");
        await foreach (var _ in hits.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            count++;
        }

        return count;
    }

    /// <summary>Row keys invert the publication time, so a partition's first row is its newest hit.</summary>
    private static async Task<LatestHit?> LatestHitAsync(TableClient hits, string topic, CancellationToken cancellationToken)
    {
        await foreach (var row in hits.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {topic}"), maxPerPage: 1, select: ["title", "url", "publishedAt"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            return new LatestHit(row.GetString("title") ?? "", row.GetString("url") ?? "", row.GetDateTimeOffset("publishedAt") ?? default);
        }

        return null;
    }

    private static Task<int> DepthAsync(StorageAccount account, string queue, CancellationToken cancellationToken) =>
        account.GetQueueClient(queue).ApproximateCountAsync(cancellationToken);
}
