using System.Text.Json;
using Ingest.Core.Deliveries;
using Ingest.Core.Polling;
using Ingest.Core.Topics;
using Azure.Storage.Queues;
using Azure.Data.Tables;
using Ingest.Core.Model;

namespace Ingest.Storage.Stores;

/// <summary>Hits by topic and publication time: one range query per topic, newest first by row key.</summary>
public sealed class HitTable(TableClient hits) : IHitReader
{
    public async Task<IReadOnlyList<StoredHit>> ReadAsync(IReadOnlyList<string> topics, DateTimeOffset start, DateTimeOffset end, double minScore, CancellationToken cancellationToken)
    {
        var found = new List<StoredHit>();
        foreach (var topic in topics)
        {
            // Inverted ticks: later times have smaller keys, so [start, end) is (key(end), key(start)].
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {topic} and RowKey gt {ArticleTable.InvertedTicks(end)} and RowKey le {ArticleTable.InvertedTicks(start) + "~"}");
            await foreach (var row in hits.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                var hit = ToHit(row);
                if (hit.Score >= minScore && hit.PublishedAt >= start && hit.PublishedAt < end)
                {
                    found.Add(hit);
                }
            }
        }

        return found;
    }

    public async Task<int> CountFoundSinceAsync(string topic, DateTimeOffset since, CancellationToken cancellationToken)
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
    public async Task<LatestHit?> LatestAsync(string topic, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {topic}");
        await foreach (var row in hits.QueryAsync<TableEntity>(filter, maxPerPage: 1, select: ["title", "url", "publishedAt"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            return new LatestHit(row.GetString("title") ?? "", row.GetString("url") ?? "", row.GetDateTimeOffset("publishedAt") ?? default);
        }

        return null;
    }

    public async Task<IReadOnlyList<StoredHit>> ReadFoundSinceAsync(IReadOnlyList<string> topics, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var found = new List<StoredHit>();
        foreach (var topic in topics)
        {
            // Rows written before foundAt existed count by publication (the row key), which is never later than finding.
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {topic} and (foundAt ge {since} or RowKey lt {ArticleTable.InvertedTicks(since)})");
            await foreach (var row in hits.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                found.Add(ToHit(row));
            }
        }

        return found;
    }

    private static StoredHit ToHit(TableEntity row) => new(
        row.PartitionKey,
        row.GetString("articleKey") ?? row.RowKey[(row.RowKey.IndexOf('_') + 1)..],
        row.GetString("title") ?? "",
        row.GetString("url") ?? "",
        row.GetString("feedId") ?? "",
        row.GetDateTimeOffset("publishedAt") ?? default,
        row.GetDouble("score") ?? 0,
        JsonSerializer.Deserialize<List<MatchedTermRow>>(row.GetString("matched") ?? "[]")?.Select(m => new MatchedTerm(m.term, m.count)).ToList() ?? [],
        row.GetString("snippet"),
        JsonSerializer.Deserialize<int[][]>(row.GetString("highlights") ?? "[]")?.Where(p => p.Length == 2).Select(p => new TextSpan(p[0], p[1])).ToList(),
        row.GetDateTimeOffset("foundAt"),
        row.GetString("storyId") is { Length: > 0 } story ? story : null);

    private sealed record MatchedTermRow(string term, int count);
}

/// <summary>The <c>Deliveries</c> table (partition: subscriber id; row key: period id).</summary>
public sealed class DeliveryTable(TableClient table) : IDeliveryStore
{
    public async Task<Delivery?> GetAsync(string subscriberId, string periodId, CancellationToken cancellationToken) =>
        await table.FindAsync(subscriberId, periodId, cancellationToken: cancellationToken).ConfigureAwait(false) is { } e ? ToDelivery(e) : null;

    public Task<IReadOnlyList<Delivery>> ListUpdatedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        QueryAsync(TableClient.CreateQueryFilter($"updatedAt ge {since}"), cancellationToken);

    public Task<IReadOnlyList<Delivery>> ListFailedAsync(CancellationToken cancellationToken) =>
        QueryAsync(TableClient.CreateQueryFilter($"status eq {nameof(DeliveryStatus.Failed)}"), cancellationToken);

    private async Task<IReadOnlyList<Delivery>> QueryAsync(string filter, CancellationToken cancellationToken)
    {
        var found = new List<Delivery>();
        try
        {
            await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                found.Add(ToDelivery(row));
            }
        }
        catch (Azure.RequestFailedException ex) when (ex.ErrorCode == Azure.Data.Tables.Models.TableErrorCode.TableNotFound)
        {
            // No table yet, so no deliveries yet.
        }

        return found;
    }

    public static Delivery ToDelivery(TableEntity e) => new(
        e.PartitionKey,
        e.RowKey,
        Enum.Parse<DeliveryStatus>(e.GetString("status") ?? nameof(DeliveryStatus.Failed)),
        e.GetDateTimeOffset("updatedAt") ?? default,
        e.GetInt32("hitCount") ?? 0,
        e.GetString("messageId"),
        e.GetString("error"),
        e.ETag.ToString(),
        e.GetInt32("attempts") ?? 0,
        e.GetDateTimeOffset("firstFailedAt"));

    public async Task SaveAsync(Delivery delivery, CancellationToken cancellationToken) =>
        await table.UpsertEntityAsync(ToEntity(delivery), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);

    public Task<bool> TryClaimAsync(Delivery claim, Delivery? previous, CancellationToken cancellationToken) =>
        table.TryWriteAsync(ToEntity(claim), previous?.Version, cancellationToken);

    private static TableEntity ToEntity(Delivery delivery) => new(delivery.SubscriberId, delivery.PeriodId)
    {
        ["status"] = delivery.Status.ToString(),
        ["updatedAt"] = delivery.UpdatedAt,
        ["hitCount"] = delivery.HitCount,
        ["messageId"] = delivery.MessageId,
        ["error"] = delivery.Error is null ? null : FeedTable.Clip(delivery.Error, 1000),
        ["attempts"] = delivery.Attempts,
        ["firstFailedAt"] = delivery.FirstFailedAt,
    };
}
