using System.Net;
using System.Text.Json;
using Ingest.Host;
using Ingest.Host.Rpc;
using Ingest.Testing;

namespace Ingest.Functions.Tests;

/// <summary>The app's isolated worker as the host runs it: health, storage gone, and start-up refused on a bad setting.</summary>
public sealed class AppWorkerTests
{
    [Fact]
    public async Task The_worker_starts_lists_its_functions_and_answers_health_without_storage()
    {
        await using var app = await AppWorker.StartAsync(AppWorker.Settings());
        using var http = new HttpClient { BaseAddress = app.BaseAddress };

        var health = await http.GetAsync("api/health");
        using var body = JsonDocument.Parse(await health.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("application/json", health.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", health.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("alive", body.RootElement.GetProperty("status").GetString());
        Assert.Matches(@"^\d+\.\d+\.\d+", body.RootElement.GetProperty("version").GetString());
        Assert.Contains(app.Worker.Functions, f => f.Name == "PollFeed" && f.TriggerType == "queueTrigger");
    }

    [Fact]
    public async Task With_storage_gone_status_says_so_and_a_poll_fails_so_the_host_retries_it()
    {
        await using var app = await AppWorker.StartAsync(AppWorker.Settings());
        using var http = new HttpClient { BaseAddress = app.BaseAddress };

        var status = await http.GetAsync("api/status");
        var pollFeed = app.Worker.Functions.Single(f => f.Name == "PollFeed");
        var poll = await app.Worker.InvokeAsync(pollFeed,
            [new ParameterBinding { Name = pollFeed.TriggerName, Data = new TypedData { String = """{"feedId":"wire","requestedAt":"2026-11-22T10:00:00+00:00"}""" } }],
            new Dictionary<string, TypedData> { ["DequeueCount"] = new() { Json = "1" } }, Guid.NewGuid().ToString(), CancellationToken.None);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status.StatusCode);
        using var body = JsonDocument.Parse(await status.Content.ReadAsStringAsync());
        Assert.Equal("unhealthy", body.RootElement.GetProperty("status").GetString());
        Assert.False(body.RootElement.GetProperty("storage").GetProperty("reachable").GetBoolean());
        Assert.StartsWith("storage is unreachable", body.RootElement.GetProperty("reasons")[0].GetString());
        Assert.Equal(StatusResult.Types.Status.Failure, poll.Result.Status);
    }

    [Theory]
    [InlineData("AzureWebJobsStorage", "AccountName=ingest", "AzureWebJobsStorage is not a storage connection string")]
    [InlineData("Fetch__TimeoutSeconds", "soon", "Fetch__TimeoutSeconds must be a whole number")]
    [InlineData("Smtp__EnableSsl", "maybe", "Smtp__EnableSsl must be true or false, not 'maybe'")]
    [InlineData("TopicsPath", "nowhere/topics.json", "TopicsPath: nowhere/topics.json does not exist")]
    [InlineData("PublicBaseUrl", "ingest.example", "PublicBaseUrl must be the service's absolute http(s) address")]
    [InlineData("SubscriptionSigningKey", "short", "SubscriptionSigningKey must be a secret of at least 16 characters")]
    public async Task A_bad_setting_stops_start_up_with_one_line_naming_it(string key, string value, string expected)
    {
        var settings = AppWorker.Settings();
        settings[key] = value;
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();

        var failure = await Assert.ThrowsAsync<WorkerUnavailableException>(() => WorkerHost.StartAsync(AppWorker.Directory, settings, log.Enqueue, TimeSpan.FromSeconds(120), CancellationToken.None));

        Assert.StartsWith("the worker exited with code 1 before it connected", failure.Message);
        var line = Assert.Single(log, l => l.Contains("Ingest cannot start", StringComparison.Ordinal));
        Assert.Contains(expected, line);
        Assert.DoesNotContain(log, l => l.Contains("   at ", StringComparison.Ordinal));
    }
}
