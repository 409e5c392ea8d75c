using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ingest.Core.Model;
using Ingest.LoadTest;
using Ingest.Storage;
using Ingest.Storage.Accounts;
using Ingest.Storage.Stores;
using Ingest.Testing;

// One poll cycle of many loopback feeds through `ingest host`, the published worker and Azurite
// (issue 5's load target). Run by scripts/load-test.sh; results go to docs/benchmarks.md.
var options = args.Chunk(2).ToDictionary(pair => pair[0].TrimStart('-'), pair => pair.ElementAtOrDefault(1) ?? "");
int Option(string name, int fallback) => options.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
var feedCount = Option("feeds", 1000);
var items = Option("items", 20);
var latency = TimeSpan.FromMilliseconds(Option("latency-ms", 50));
var changedPercent = Option("changed-percent", 10);
var app = Path.GetFullPath(options.GetValueOrDefault("app", Path.Combine(RepositoryRoot.Path, ".publish", "functions")));
var cli = options.GetValueOrDefault("cli", Path.Combine(RepositoryRoot.Path, "functions", "Ingest.Cli", "bin", "Release", "net10.0", "ingest.dll"));
if (options.ContainsKey("reads"))
{
    return await ReadLoad.RunAsync(app, cli, Option("reads", 500), Option("hits", 5000));
}

using var azurite = await AzuriteServer.StartPrivateAsync();
await using var server = await LoopbackHttpServer.StartAsync();
var farm = new FeedFarm(server, feedCount, items, latency);
farm.Serve();

var folder = Directory.CreateTempSubdirectory("ingest-load-").FullName;
var catalogue = Path.Combine(folder, "feeds.json");
await File.WriteAllTextAsync(catalogue, JsonSerializer.Serialize(new
{
    // The farm's items are short and their pages do not exist: the cycle measured is the feed path, as before
    // full text became the default.
    feeds = Enumerable.Range(0, feedCount).Select(n => new { id = $"load-{n:D4}", url = server.Url(FeedFarm.Path(n)).AbsoluteUri, fullText = false }),
}));
// One loopback server stands in for a thousand sites: lift the per-host politeness limit, which also keeps the
// dispatcher from spreading the "host's" polls over the interval (the cycle is what is measured).
var settings = await LoadSettings.WriteAsync(folder, azurite.ConnectionString, catalogue, "*/5 * * * * *", new Dictionary<string, string>
{
    ["Fetch__AllowLoopback"] = "true",
    ["Fetch__MaxConcurrencyPerHost"] = feedCount.ToString(CultureInfo.InvariantCulture),
    // Where the time goes: the worker's span totals (its own stages, each storage call, each invocation) every 2 s.
    ["Telemetry__SpanSummarySeconds"] = "2",
});

var stopwatch = Stopwatch.StartNew();
var port = LoopbackPort.GetUnused();
using var host = ChildProcess.Start("dotnet", [cli, "host", "--app", app, "--port", port.ToString(CultureInfo.InvariantCulture), "--settings", settings], folder);
var firstHealth = await FirstHealthAsync(port);
var ready = await host.WaitForLineAsync(new Regex(@"worker ready \(pid (?<pid>\d+)\)"), TimeSpan.FromSeconds(60));
var handlerPid = int.Parse(ready.Groups["pid"].Value, CultureInfo.InvariantCulture);
Console.WriteLine($"First /api/health answered {firstHealth.TotalSeconds:0.00} s after ingest host started the published worker");
var account = StorageAccount.FromConnectionString(azurite.ConnectionString);
var feeds = new FeedTable(account.GetTableClient(StorageLayout.Feeds));
await WaitAsync(async () => await account.GetTableClient(StorageLayout.Feeds).ExistsAsync() && (await feeds.ListAsync(default)).Count == feedCount, "catalogue import");
Console.WriteLine($"Ingest load test: {feedCount} feeds × {items} items, {latency.TotalMilliseconds:0} ms latency, {changedPercent}% changed; app {app}");
Console.WriteLine($"Started Azurite, the feed server and ingest host in {stopwatch.Elapsed.TotalSeconds:0.0} s");

var beforeFirst = SpanTrace.Last(host.Output);
var first = await CycleAsync("cycle 1 (every item new)", DateTimeOffset.UtcNow - stopwatch.Elapsed);
var afterFirst = await SettledSpansAsync();
Report("cycle 1", afterFirst.Since(beforeFirst), feedCount * items);
var changed = farm.Change(100 / changedPercent);
var start = DateTimeOffset.UtcNow;
await feeds.LeaseAsync([.. (await feeds.ListAsync(default)).Select(feed => new Ingest.Core.Polling.FeedLease(feed.Id, start))], default);
var second = await CycleAsync($"cycle 2 ({changed} feeds changed)", start);
Report("cycle 2", (await SettledSpansAsync()).Since(afterFirst), changed);

var articles = await CountAsync(StorageLayout.Articles);
var hits = await CountAsync(StorageLayout.Hits);
var expected = (feedCount * items) + changed;
Console.WriteLine($"Stored {articles} articles (expected {expected}) and {hits} hits; worker peak memory (VmHWM) {PeakMegabytes(handlerPid)} MB");
// The same rows written again with the host's batching and as many in flight as its queue slots (batchSize 16 +
// newBatchThreshold 8), nothing else: what cycle 1 could not go below on this machine and this Azurite.
var floor = await StorageFloor.MeasureAsync(account, inFlight: 24);
Console.WriteLine($"Storage floor: the same rows written in {floor.TotalSeconds:0.0} s; cycle 1 is {first / floor:0.0}× the floor");
Console.WriteLine($"RESULT feeds={feedCount} cycle1={first.TotalSeconds:0.0}s cycle2={second.TotalSeconds:0.0}s floor={floor.TotalSeconds:0.0}s ratio={first / floor:0.0} peakMB={PeakMegabytes(handlerPid)} articles={articles}/{expected} firstHealth={firstHealth.TotalSeconds:0.00}s");
Directory.Delete(folder, recursive: true);
return articles == expected ? 0 : 1;

// A cycle runs from the PollFeeds invocation that queues the due feeds to the last feed's saved poll state.
async Task<TimeSpan> CycleAsync(string name, DateTimeOffset after)
{
    // The first tick can catch the catalogue import half done and queue the rest on the next: a cycle begins at its first dispatch.
    await WaitAsync(() => Task.FromResult(DispatchStarts().Any(d => d >= after)), $"{name} dispatch", seconds: 30);
    await WaitAsync(async () => (await feeds.ListAsync(default)).All(f => f.LastPolledAt > after) && await account.GetQueueClient(QueueNames.FeedPolls).ApproximateCountAsync() == 0, name, seconds: 600);
    var all = await feeds.ListAsync(default);
    var begun = DispatchStarts().First(d => d >= after);
    var ended = all.Max(f => f.LastPolledAt!.Value);
    Console.WriteLine($"{name}: {(ended - begun).TotalSeconds:0.0} s from dispatch to the last feed's saved state; statuses {string.Join(", ", all.GroupBy(f => f.LastStatus).Select(g => $"{g.Key} {g.Count()}"))}");
    return ended - begun;
}

// When each PollFeeds run that queued feeds began: its invocation line's time of day (UTC) less its duration.
List<DateTimeOffset> DispatchStarts()
{
    var starts = new List<DateTimeOffset>();
    var queued = false;
    foreach (var line in host.Output.Split('\n'))
    {
        // The worker's own line comes first, then the host's line for the invocation with its duration.
        if (Regex.IsMatch(line, @"TimerFunctions: queued [1-9]\d* due feeds"))
        {
            queued = true;
        }
        else if (queued && Regex.Match(line, @"^\[(?<at>[\d:.]+)\] PollFeeds \(timer\) (?<ms>\d+) ms") is { Success: true } match)
        {
            var time = TimeSpan.ParseExact(match.Groups["at"].Value, @"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture);
            starts.Add(new DateTimeOffset(DateTime.UtcNow.Date + time, TimeSpan.Zero) - TimeSpan.FromMilliseconds(int.Parse(match.Groups["ms"].Value, CultureInfo.InvariantCulture)));
            queued = false;
        }
    }

    return starts;
}

// The span totals once the worker printed them twice after the cycle's last poll (every 2 s): the cycle's spans are in.
async Task<SpanTrace> SettledSpansAsync()
{
    var seen = host.Output.Length;
    await WaitAsync(() => Task.FromResult(host.Output[seen..].Split('\n').Count(l => l.Contains("spans: ", StringComparison.Ordinal)) >= 2), "two span summaries", seconds: 30);
    return SpanTrace.Last(host.Output);
}

static void Report(string cycle, SpanTrace spans, int articles)
{
    Console.WriteLine($"Where {cycle}'s time went (worker spans; they overlap, so totals add time across the slots in flight):");
    foreach (var line in spans.Describe(articles))
    {
        Console.WriteLine(line);
    }
}

async Task<int> CountAsync(string table)
{
    var count = 0;
    await foreach (var _ in account.GetTableClient(table).QueryAsync<Azure.Data.Tables.TableEntity>(select: ["RowKey"]))
    {
        count++;
    }

    return count;
}

static long PeakMegabytes(int pid) =>
    File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
        .Select(l => long.Parse(Regex.Match(l, @"\d+").Value, CultureInfo.InvariantCulture) / 1024).Single();

async Task WaitAsync(Func<Task<bool>> condition, string what, int seconds = 120)
{
    var deadline = DateTime.UtcNow.AddSeconds(seconds);
    while (!await condition())
    {
        if (DateTime.UtcNow > deadline)
        {
            throw new TimeoutException($"{what} did not finish within {seconds} s. Host output:\n{host.Output[^Math.Min(host.Output.Length, 4000)..]}");
        }

        await Task.Delay(250);
    }
}

// From starting `ingest host` (which starts the worker) to the first 200 from /api/health through it.
static async Task<TimeSpan> FirstHealthAsync(int port)
{
    var clock = Stopwatch.StartNew();
    using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
    while (clock.Elapsed < TimeSpan.FromSeconds(120))
    {
        try
        {
            if ((await http.GetAsync($"http://localhost:{port}/api/health")).IsSuccessStatusCode)
            {
                return clock.Elapsed;
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
        }

        await Task.Delay(20);
    }

    throw new TimeoutException("/api/health never answered");
}
