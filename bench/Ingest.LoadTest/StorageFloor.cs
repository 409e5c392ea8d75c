using System.Diagnostics;
using Azure.Data.Tables;
using Ingest.Storage;
using Ingest.Storage.Accounts;

namespace Ingest.LoadTest;

/// <summary>
/// The storage floor of a poll cycle: the rows the cycle stored (articles, hits, stories and their keys, feed states)
/// written again to fresh tables of the same Azurite, batched as the service batches them (per feed: its articles and
/// its hits in one transaction per partition of up to 100 rows, its feed row; per story its row, its keys in
/// transactions of the keys partition), as many feeds at once as the host has polls in flight, and nothing else: no
/// fetching, parsing, matching or reading first. The cycle over this floor is a figure a noisy machine changes less.
/// </summary>
public static class StorageFloor
{
    public static async Task<TimeSpan> MeasureAsync(StorageAccount account, int inFlight)
    {
        var articles = await ReadAsync(account, StorageLayout.Articles);
        var hits = await ReadAsync(account, StorageLayout.Hits);
        var stories = await ReadAsync(account, StorageLayout.Stories);
        var feeds = await ReadAsync(account, StorageLayout.Feeds);
        var tables = new[] { "FloorArticles", "FloorHits", "FloorStories", "FloorFeeds" }.Select(account.GetTableClient).ToList();
        foreach (var table in tables)
        {
            await table.CreateIfNotExistsAsync();
        }

        var articlesOf = articles.ToLookup(a => a.GetString("feedId"));
        var hitsOf = hits.ToLookup(h => h.GetString("feedId"));
        var byFeed = feeds.Select(f => (Feed: f, Articles: articlesOf[f.RowKey].ToList(), Hits: hitsOf[f.RowKey].ToList())).ToList();
        var storyRows = stories.Where(s => s.PartitionKey != "keys").ToList();
        var keyRows = stories.Where(s => s.PartitionKey == "keys").Chunk(StorageExtensions.MaxTransactionActions).ToList();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = inFlight };

        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(byFeed, parallel, async (feed, ct) =>
        {
            await SubmitAsync(tables[1], feed.Hits, ct);
            await SubmitAsync(tables[0], feed.Articles, ct);
            await tables[3].UpsertEntityAsync(feed.Feed, TableUpdateMode.Replace, ct);
        });
        await Parallel.ForEachAsync(storyRows, parallel, async (story, ct) => await tables[2].UpsertEntityAsync(story, TableUpdateMode.Replace, ct));
        await Parallel.ForEachAsync(keyRows, parallel, async (keys, ct) => await SubmitAsync(tables[2], keys, ct));
        return clock.Elapsed;
    }

    private static async Task SubmitAsync(TableClient table, IEnumerable<TableEntity> rows, CancellationToken cancellationToken)
    {
        foreach (var batch in rows.GroupBy(r => r.PartitionKey).SelectMany(p => p.Chunk(StorageExtensions.MaxTransactionActions)))
        {
            await table.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), cancellationToken);
        }
    }

    private static async Task<List<TableEntity>> ReadAsync(StorageAccount account, string name)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in account.GetTableClient(name).QueryAsync<TableEntity>())
        {
            row.ETag = default;
            rows.Add(row);
        }

        return rows;
    }
}
