using System.Net;
using System.Text.Json;
using Ingest.Testing;

namespace Ingest.EndToEnd.Tests;

/// <summary>
/// Hundreds of clients reading status, the dashboard and a topic feed at once over thousands of hits: every one is
/// answered (a result, or a 503 asking it to come back), the worker stays small, and health says so when it had to
/// turn readers away. Its bigger sibling, with 500 of each over 5,000 hits, is scripts/read-load-test.sh.
/// </summary>
public sealed class ConcurrentReadTests
{
    [Fact]
    public async Task Three_hundred_concurrent_reads_of_each_heavy_page_are_all_answered_and_the_worker_stays_under_500_MB()
    {
        await using var service = await ServiceUnderTest.StartAsync([("wire", "/wire.xml", false)], _ => { },
            settings: new Dictionary<string, string>(ServiceUnderTest.UnusedSmtp) { ["Reads__SnapshotSeconds"] = "5" });
        await ReadStorm.SeedHitsAsync(service.Account, 3000, DateTimeOffset.UtcNow);

        var storm = await ReadStorm.RunAsync(service.HttpBase, 300, TimeSpan.FromMinutes(3), service.HandlerPid);

        var summary = storm.Summary();
        Assert.True(storm.Answers.All(a => a.Status is 200 or 503), summary);
        Assert.All(ReadStorm.Paths, path => Assert.Contains(storm.Answers, a => a.Path == path && a.Status == 200));
        Assert.True(storm.WorkerPeakBytes is > 0 and < 500L * 1024 * 1024, summary);
        using var http = new HttpClient();
        var health = await http.GetAsync(new Uri(service.HttpBase, "api/health"));
        using var body = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
        if (storm.Count(503) > 0)
        {
            // Readers were turned away moments ago: health tells an operator or a load balancer.
            Assert.Equal((HttpStatusCode.ServiceUnavailable, "busy"), (health.StatusCode, body.RootElement.GetProperty("status").GetString()));
        }
        else
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }
    }
}
