using System.Diagnostics;
using Azure.Data.Tables;
using Ingest.Core.Model;
using Ingest.Core.Polling;
using Ingest.Storage.Stores;
using Ingest.Testing;

namespace Ingest.LoadTest;

/// <summary>
/// What a listing of the <c>Feeds</c> table costs when every feed is large: rows as a poll of a feed of 1,000 items
/// leaves them (item keys, arrival and text logs), listed with every column (as the dispatcher and the status report
/// did), as <see cref="FeedTable.ListAsync"/> lists them (all but the item keys) and as the dispatcher now does
/// (<see cref="FeedTable.ListSchedulesAsync"/>). Each listing is made twelve times; the first two are left out.
/// </summary>
public static class FeedListings
{
    private const int Runs = 12;

    public static async Task<int> RunAsync(int feedCount)
    {
        using var azurite = await AzuriteServer.StartPrivateAsync();
        var table = new TableClient(azurite.ConnectionString, "Feeds");
        await table.CreateIfNotExistsAsync();
        var feeds = new FeedTable(table);
        var keys = Enumerable.Range(0, 1_000).Select(i => i.ToString("x16", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var now = DateTimeOffset.UtcNow;
        await feeds.AddMissingAsync([.. Enumerable.Range(0, feedCount).Select(n => new FeedRecord($"large-{n:D4}", $"https://news{n}.example/rss", $"Feed {n}", "sr"))], CancellationToken.None);
        await Parallel.ForEachAsync(Enumerable.Range(0, feedCount), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (n, ct) =>
            await feeds.SavePollStateAsync(new FeedRecord($"large-{n:D4}", $"https://news{n}.example/rss", ETag: "\"v1\"", LastPolledAt: now, NextPollAt: now.AddMinutes(10), LastStatus: PollStatus.Ok, ArticleCount: 1_000, ItemKeys: keys,
                Arrivals: Enumerable.Range(0, 48).Aggregate(ArrivalLog.Empty, (log, h) => log.Add(now.AddHours(-h), 2)),
                Texts: TextLog.Empty.Add([.. Enumerable.Range(0, 20).Select(i => new TextLog.Item(400 + i * 100, Stub: false, ReadInFull: true))])), ct));

        Console.WriteLine($"Listing {feedCount} feeds of 1,000 remembered items each from a private Azurite; median of {Runs - 2} listings (range):");
        Console.WriteLine("| listing | rows | median | range |");
        Console.WriteLine("| --- | --- | --- | --- |");
        await TimeAsync("every column (before)", async () => await table.QueryAsync<TableEntity>("PartitionKey eq 'feed'").CountAsync());
        await TimeAsync("all but item keys (`ListAsync`)", async () => (await feeds.ListAsync(CancellationToken.None)).Count);
        await TimeAsync("six columns (`ListSchedulesAsync`)", async () => (await feeds.ListSchedulesAsync(CancellationToken.None)).Count);
        return 0;
    }

    private static async Task TimeAsync(string name, Func<Task<int>> list)
    {
        var times = new List<double>();
        var rows = 0;
        for (var run = 0; run < Runs; run++)
        {
            var stopwatch = Stopwatch.StartNew();
            rows = await list();
            if (run >= 2)
            {
                times.Add(stopwatch.Elapsed.TotalMilliseconds);
            }
        }

        times.Sort();
        Console.WriteLine($"| {name} | {rows} | {times[times.Count / 2]:N0} ms | {times[0]:N0}–{times[^1]:N0} ms |");
    }
}
