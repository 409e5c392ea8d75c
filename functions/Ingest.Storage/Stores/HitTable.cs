using System.Text.Json;
using Azure.Data.Tables;
using Ingest.Core.Model;
using Ingest.Core.Topics;

namespace Ingest.Storage.Stores;

/// <summary>Hits by topic and publication time: one range query per topic, newest first by row key.</summary>
public sealed class HitTable(TableClient hits) : IHitReader
{
    public async Task<IReadOnlyList<StoredHit>> ReadAsync(IReadOnlyList<string> topics, DateTimeOffset start, DateTimeOffset until, double minScore, CancellationToken cancellationToken)
    {
        var found = new List<StoredHit>();
        foreach (var topic in topics)
        {
            // Inverted ticks: later times have smaller keys, so [start, until) is (key(until), key(start)].
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {topic} and RowKey gt {ArticleTable.InvertedTicks(until)} and RowKey le {ArticleTable.InvertedTicks(start) + "~"}");
            await foreach (var row in hits.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                var hit = ToHit(row);
                if (hit.Score >= minScore && hit.PublishedAt >= start && hit.PublishedAt < until)
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
        row.GetString("storyId") is { Length: > 0 } story ? story : null,
        row.GetString("language") is { Length: > 0 } language ? language : null);

    private sealed record MatchedTermRow(string term, int count);
}
