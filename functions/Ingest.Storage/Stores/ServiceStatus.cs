using Ingest.Core.Digests;
using Ingest.Core.Polling;
using Ingest.Storage.Accounts;
using Ingest.Storage.Tables;

namespace Ingest.Storage.Stores;

/// <summary>What the monitoring endpoint shows: each feed's polling state, hits per topic in the last day, queue depths.</summary>
public sealed record ServiceStatus(
    DateTimeOffset GeneratedAt,
    IReadOnlyList<FeedRecord> Feeds,
    IReadOnlyDictionary<string, TopicActivity> Topics,
    IReadOnlyDictionary<string, QueueDepth> Queues,
    IReadOnlyList<Delivery> FailedDeliveries);

public sealed record QueueDepth(int Messages, int Poison);

/// <summary>A digest or alert whose last try failed (SMTP refused or away); after the last retry its message is in the poison queue.</summary>


/// <summary>A topic's hits published in the last 24 hours, and its newest hit whenever that was.</summary>
public sealed record TopicActivity(int HitsLast24Hours, LatestHit? Latest);

public sealed record LatestHit(string Title, string Url, DateTimeOffset PublishedAt);

public static class ServiceStatusReader
{
    public static async Task<ServiceStatus> ReadAsync(StorageAccount account, IReadOnlyList<string> topicIds, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var feeds = new FeedTable(account.GetTableClient(StorageLayout.Feeds)).ListAsync(cancellationToken);
        var hits = account.GetTableClient(StorageLayout.Hits);
        var counts = topicIds.Select(async topic => (topic, new TopicActivity(
            await CountHitsSinceAsync(hits, topic, now - TimeSpan.FromDays(1), cancellationToken).ConfigureAwait(false),
            await LatestHitAsync(hits, topic, cancellationToken).ConfigureAwait(false)))).ToList();
        var depths = StorageLayout.Queues.Select(async queue => (queue, new QueueDepth(
            await DepthAsync(account, queue, cancellationToken).ConfigureAwait(false),
            await DepthAsync(account, StorageLayout.PoisonQueue(queue), cancellationToken).ConfigureAwait(false)))).ToList();

        var failed = new List<Delivery>();
        try
        {
            await foreach (var row in account.GetTableClient(StorageLayout.Deliveries).QueryAsync(TableFilter.Create($"status eq {nameof(DeliveryStatus.Failed)}"), cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                failed.Add(DeliveryTable.ToDelivery(row));
            }
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            // No table yet, so no deliveries yet.
        }

        return new ServiceStatus(
            now,
            (await feeds.ConfigureAwait(false)).OrderBy(f => f.Id, StringComparer.Ordinal).ToList(),
            (await Task.WhenAll(counts).ConfigureAwait(false)).ToDictionary(c => c.topic, c => c.Item2),
            (await Task.WhenAll(depths).ConfigureAwait(false)).ToDictionary(d => d.queue, d => d.Item2),
            failed.OrderByDescending(d => d.UpdatedAt).ToList());
    }

    private static async Task<int> CountHitsSinceAsync(TableClient hits, string topic, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var count = 0;
        var filter = TableFilter.Create($"PartitionKey eq {topic} and RowKey lt {ArticleTable.InvertedTicks(since)}");
        await foreach (var _ in hits.QueryAsync(filter, ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            count++;
        }

        return count;
    }

    /// <summary>Row keys invert the publication time, so a partition's first row is its newest hit.</summary>
    private static async Task<LatestHit?> LatestHitAsync(TableClient hits, string topic, CancellationToken cancellationToken)
    {
        await foreach (var row in hits.QueryAsync(TableFilter.Create($"PartitionKey eq {topic}"), ["title", "url", "publishedAt"], maxPerPage: 1, cancellationToken).ConfigureAwait(false))
        {
            return new LatestHit(row.GetString("title") ?? "", row.GetString("url") ?? "", row.GetDateTimeOffset("publishedAt") ?? default);
        }

        return null;
    }

    private static async Task<int> DepthAsync(StorageAccount account, string queue, CancellationToken cancellationToken)
    {
        try
        {
            return await account.GetQueueClient(queue).GetApproximateMessageCountAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            return 0;
        }
    }
}
