using System.Globalization;
using System.Text.RegularExpressions;
using Ingest.Storage.Accounts;
using Ingest.Testing;

namespace Ingest.LoadTest;

/// <summary>
/// The read load test (issue 28): <c>--hits</c> stored hits, then <c>--reads</c> concurrent GETs each of status, the
/// dashboard and a topic feed through <c>ingest host</c> and the published worker, each waiting up to two minutes.
/// Prints each page's answers and waits and the worker's peak memory. Run by scripts/read-load-test.sh.
/// </summary>
public static class ReadLoad
{
    public static async Task<int> RunAsync(string app, string cli, int reads, int hitCount)
    {
        using var azurite = await AzuriteServer.StartPrivateAsync();
        var folder = Directory.CreateTempSubdirectory("ingest-read-load-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "feeds.json"), """{"feeds":[]}""");
        var settings = await LoadSettings.WriteAsync(folder, azurite.ConnectionString, Path.Combine(folder, "feeds.json"), "0 0 0 1 1 *");
        await ReadStorm.SeedHitsAsync(StorageAccount.FromConnectionString(azurite.ConnectionString), hitCount, DateTimeOffset.UtcNow);

        var port = LoopbackPort.GetUnused();
        using var host = ChildProcess.Start("dotnet", [cli, "host", "--app", app, "--port", port.ToString(CultureInfo.InvariantCulture), "--settings", settings], folder);
        var ready = await host.WaitForLineAsync(new Regex(@"worker ready \(pid (?<pid>\d+)\)"), TimeSpan.FromSeconds(60));
        await host.WaitForLineAsync(new Regex("listening to queue 'feed-polls'"), TimeSpan.FromSeconds(60));
        var workerPid = int.Parse(ready.Groups["pid"].Value, CultureInfo.InvariantCulture);
        var before = ReadStorm.PeakMemoryBytes(workerPid);
        Console.WriteLine($"Ingest read load test: {hitCount} hits stored, {reads} concurrent GETs each of {string.Join(", ", ReadStorm.Paths)}; app {app}");
        Console.WriteLine($"Worker peak memory before: {before / 1048576.0:0} MB");

        var storm = await ReadStorm.RunAsync(new Uri($"http://localhost:{port}/"), reads, TimeSpan.FromMinutes(2), workerPid);
        foreach (var part in storm.Summary().Split("; "))
        {
            Console.WriteLine(part);
        }

        var unanswered = storm.Answers.Count(a => a.Status is not (200 or 503));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT reads={reads} hits={hitCount} ok={storm.Count(200)} shed={storm.Count(503)} other={unanswered} peakMB={storm.WorkerPeakBytes / 1048576} wall={storm.Wall.TotalSeconds:0.0}s"));
        Directory.Delete(folder, recursive: true);
        return unanswered == 0 && storm.WorkerPeakBytes < 500L * 1048576 ? 0 : 1;
    }
}
