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
// More than one `ingest host` and worker pair on the same storage and feeds: instances scaling out, as in Azure.
var instances = Option("instances", 1);
var app = Path.GetFullPath(options.GetValueOrDefault("app", Path.Combine(RepositoryRoot.Path, ".publish", "functions")));
var cli = options.GetValueOrDefault("cli", Path.Combine(RepositoryRoot.Path, "functions", "Ingest.Cli", "bin", "Release", "net10.0", "ingest.dll"));
if (options.ContainsKey("listings"))
{
    return await FeedListings.RunAsync(Option("listings", 1000));
}

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
var hosts = new List<ChildProcess>();
var workerPids = new List<int>();
var firstHealth = TimeSpan.Zero;
for (var instance = 0; instance < instances; instance++)
{
    var port = LoopbackPort.GetUnused();
    var started = ChildProcess.Start("dotnet", [cli, "host", "--app", app, "--port", port.ToString(CultureInfo.InvariantCulture), "--settings", settings], folder);
    hosts.Add(started);
    var health = await FirstHealthAsync(port);
    firstHealth = instance == 0 ? health : firstHealth;
    var ready = await started.WaitForLineAsync(new Regex(@"worker ready \(pid (?<pid>\d+)\)"), TimeSpan.FromSeconds(60));
    workerPids.Add(int.Parse(ready.Groups["pid"].Value, CultureInfo.InvariantCulture));
}

using var stopHosts = new HostsToStop(hosts);
var host = hosts[0];
Console.WriteLine($"First /api/health answered {firstHealth.TotalSeconds:0.00} s after ingest host started the published worker");
var account = StorageAccount.FromConnectionString(azurite.ConnectionString);
var feeds = new FeedTable(account.GetTableClient(StorageLayout.Feeds));
await WaitAsync(async () => await account.GetTableClient(StorageLayout.Feeds).ExistsAsync() && (await feeds.ListAsync(default)).Count == feedCount, "catalogue import");
Console.WriteLine($"Ingest load test: {feedCount} feeds × {items} items, {latency.TotalMilliseconds:0} ms latency, {changedPercent}% changed; app {app}");
Console.WriteLine($"Started Azurite, the feed server and {instances} ingest host(s) in {stopwatch.Elapsed.TotalSeconds:0.0} s");

var beforeFirst = Spans();
var first = await CycleAsync("cycle 1 (every item new)", DateTimeOffset.UtcNow - stopwatch.Elapsed);
var afterFirst = await SettledSpansAsync();
Report("cycle 1", afterFirst.Since(beforeFirst), feedCount * items);
var fetchesAfterFirst = farm.Fetches();
var changed = farm.Change(100 / changedPercent);
var start = DateTimeOffset.UtcNow;
await feeds.LeaseAsync([.. (await feeds.ListAsync(default)).Select(feed => new Ingest.Core.Polling.FeedLease(feed.Id, start))], default);
var second = await CycleAsync($"cycle 2 ({changed} feeds changed)", start);
Report("cycle 2", (await SettledSpansAsync()).Since(afterFirst), changed);
// Every feed fetched once a cycle, whichever instance polled it.
var fetchesSecond = farm.Fetches().Zip(fetchesAfterFirst, (total, first) => total - first).ToList();
Console.WriteLine($"Fetches per feed: cycle 1 {Range(fetchesAfterFirst)}, cycle 2 {Range(fetchesSecond)}");
static string Range(IReadOnlyCollection<int> counts) => counts.Min() == counts.Max() ? $"{counts.Min()} each" : $"{counts.Min()} to {counts.Max()}";
var fetchedOnce = fetchesAfterFirst.All(n => n == 1) && fetchesSecond.All(n => n == 1);

var articles = await CountAsync(StorageLayout.Articles);
var hits = await CountAsync(StorageLayout.Hits);
var expected = (feedCount * items) + changed;
var peak = workerPids.Max(PeakMegabytes);
Console.WriteLine($"Stored {articles} articles (expected {expected}) and {hits} hits; worker peak memory (VmHWM, the largest of {instances}) {peak} MB");
// The same rows written again with the host's batching and as many in flight as the app's queue slots (host.json's
// batchSize + newBatchThreshold), nothing else: what cycle 1 could not go below on this machine and this Azurite.
var queues = Ingest.Host.FunctionApp.Load(app, new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build()).Queues;
var floor = await StorageFloor.MeasureAsync(account, inFlight: queues.BatchSize + queues.NewBatchThreshold);
Console.WriteLine($"Storage floor: the same rows written in {floor.TotalSeconds:0.0} s; cycle 1 is {first / floor:0.0}× the floor");
Console.WriteLine($"RESULT feeds={feedCount} instances={instances} cycle1={first.TotalSeconds:0.0}s cycle2={second.TotalSeconds:0.0}s floor={floor.TotalSeconds:0.0}s ratio={first / floor:0.0} peakMB={peak} articles={articles}/{expected} fetchedOnce={fetchedOnce} firstHealth={firstHealth.TotalSeconds:0.00}s");
// LOAD_TEST_HOST_LOG=path keeps what each host printed (its invocation lines, retries and failures) for a closer look.
if (Environment.GetEnvironmentVariable("LOAD_TEST_HOST_LOG") is { Length: > 0 } hostLog)
{
    await File.WriteAllTextAsync(hostLog, string.Join("\n", hosts.Select((h, i) => $"--- host {i + 1}\n{h.Output}")));
}

Directory.Delete(folder, recursive: true);
return articles == expected && fetchedOnce ? 0 : 1;

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
    Console.WriteLine(CycleTimeline.Of(hosts.Select(h => h.Output), begun));
    return ended - begun;
}

// When each PollFeeds run that queued feeds began: its invocation line's time of day (UTC) less its duration.
static List<DateTimeOffset> DispatchesIn(string output)
{
    var starts = new List<DateTimeOffset>();
    var queued = false;
    foreach (var line in output.Split('\n'))
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
    var seen = hosts.Select(h => h.Output.Length).ToList();
    await WaitAsync(() => Task.FromResult(hosts.Zip(seen).All(h => h.First.Output[h.Second..].Split('\n').Count(l => l.Contains("spans: ", StringComparison.Ordinal)) >= 2)), "two span summaries", seconds: 30);
    return Spans();
}

// The span totals of every instance, added up.
SpanTrace Spans() => hosts.Select(h => SpanTrace.Last(h.Output)).Aggregate((sum, next) => sum.Plus(next));

// The dispatches of every instance (each host's timer fires; the conditional leases decide who queues a feed).
List<DateTimeOffset> DispatchStarts() => [.. hosts.SelectMany(h => DispatchesIn(h.Output)).Order()];

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
