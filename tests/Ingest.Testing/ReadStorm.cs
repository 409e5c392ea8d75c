using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Ingest.Core.Model;
using Ingest.Core.Topics;
using Ingest.Storage;
using Ingest.Storage.Accounts;
using Ingest.Storage.Stores;

namespace Ingest.Testing;

/// <summary>
/// Many clients reading the service's heaviest pages at once (status, dashboard, a topic feed) over a store full of
/// hits: what each got, how long it waited, and how large the worker grew. Used by the end-to-end test and by the
/// read load test (<c>scripts/read-load-test.sh</c>).
/// </summary>
public static class ReadStorm
{
    public static readonly string[] Paths = ["api/status", "api/dashboard", "api/topics/kfor/feed"];

    /// <summary>Writes <paramref name="count"/> hits over the last 13 days, spread over the topics and a few feeds.</summary>
    public static async Task SeedHitsAsync(StorageAccount account, int count, DateTimeOffset now)
    {
        string[] topics = ["kfor", "ipap", "arms", "normalisation", "bih-stability", "russia-influence", "china-influence", "nato-allies"];
        await StorageLayout.EnsureCreatedAsync(account);
        var hits = Enumerable.Range(0, count).Select(n =>
        {
            var at = now - TimeSpan.FromMinutes(n * 13 % (13 * 24 * 60));
            var key = $"{n:x8}seeded{n:D6}";
            return new StoredHit(topics[n % topics.Length], key, $"Seeded report {n} on patrols near Jarinje", $"https://news.example/{n}", $"feed-{n % 40}", at, 5 + n % 10,
                [new MatchedTerm("KFOR", 2)], "KFOR troops patrolled the main road near the crossing.", FoundAt: at);
        }).ToList();
        var articles = hits.Select(h => new StoredArticle(h.ArticleKey, h.Url, h.Title, h.PublishedAt, h.FeedId, "en", [h.TopicId], "hash")).ToList();
        await new ArticleTable(account.GetTableClient(StorageLayout.Articles), account.GetTableClient(StorageLayout.Hits)).SaveAsync(articles, hits, CancellationToken.None);
    }

    /// <summary>
    /// Sends <paramref name="perPath"/> GETs of each of <see cref="Paths"/> at once, each waiting up to
    /// <paramref name="timeout"/>; records every status (0 for no answer) and the worker's peak resident memory.
    /// </summary>
    public static async Task<ReadStormResult> RunAsync(Uri service, int perPath, TimeSpan timeout, int workerPid)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = perPath * Paths.Length, UseProxy = false }) { Timeout = timeout };
        var answers = new ConcurrentBag<(string Path, int Status, TimeSpan Took)>();
        var start = new TaskCompletionSource();
        var requests = Paths.SelectMany(path => Enumerable.Range(0, perPath).Select(async _ =>
        {
            await start.Task;
            var clock = Stopwatch.StartNew();
            try
            {
                using var response = await http.GetAsync(new Uri(service, path), HttpCompletionOption.ResponseContentRead);
                answers.Add((path, (int)response.StatusCode, clock.Elapsed));
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                answers.Add((path, 0, clock.Elapsed));
            }
        })).ToList();
        var wall = Stopwatch.StartNew();
        start.SetResult();
        await Task.WhenAll(requests);
        return new ReadStormResult([.. answers], wall.Elapsed, PeakMemoryBytes(workerPid));
    }

    /// <summary>The process's peak resident set (VmHWM), in bytes; 0 when it cannot be read.</summary>
    public static long PeakMemoryBytes(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}

public sealed record ReadStormResult(IReadOnlyList<(string Path, int Status, TimeSpan Took)> Answers, TimeSpan Wall, long WorkerPeakBytes)
{
    public int Count(int status) => Answers.Count(a => a.Status == status);

    public string Summary() => string.Join("; ", ReadStorm.Paths.Select(path =>
    {
        var mine = Answers.Where(a => a.Path == path).ToList();
        var times = mine.Select(a => a.Took.TotalMilliseconds).Order().ToList();
        var statuses = string.Join(", ", mine.GroupBy(a => a.Status).OrderBy(g => g.Key).Select(g => $"{(g.Key == 0 ? "no answer" : g.Key.ToString(CultureInfo.InvariantCulture))}: {g.Count()}"));
        return string.Create(CultureInfo.InvariantCulture, $"{path}: {statuses}; median {times[times.Count / 2]:0} ms, p95 {times[(int)(times.Count * 0.95)]:0} ms, max {times[^1]:0} ms");
    })) + string.Create(CultureInfo.InvariantCulture, $"; wall {Wall.TotalSeconds:0.0} s; worker peak {WorkerPeakBytes / 1048576.0:0} MB");
}
