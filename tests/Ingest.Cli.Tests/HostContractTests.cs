using System.Collections.Concurrent;
using System.Text.Json;
using Ingest.Cli.Hosting;
using Azure.Storage.Queues;
using Ingest.Testing;
using Microsoft.AspNetCore.Http;

namespace Ingest.Cli.Tests;

/// <summary>
/// What <c>ingest host</c> sends, captured by a loopback "handler" and held against custom-handler.md §2–3:
/// the envelope, the double encoding, and the queue semantics (delete, retry, poison) on a real Azurite queue.
/// </summary>
public sealed class HostContractTests(StorageFixture storage) : IClassFixture<StorageFixture>, IAsyncLifetime
{
    private readonly ConcurrentQueue<(string Path, Dictionary<string, string> Headers, long? Length, string Body)> _captured = new();
    private readonly StringWriter _log = new();
    private LoopbackHttpServer _handler = null!;
    private int _status = 200;

    public async Task InitializeAsync()
    {
        _handler = await LoopbackHttpServer.StartAsync();
        foreach (var function in new[] { "/PollFeed", "/PollFeeds" })
        {
            _handler.Map(function, async context =>
            {
                var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
                // Kestrel reuses the header collection once the request ends: keep a copy.
                var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
                _captured.Enqueue((context.Request.Path, headers, context.Request.ContentLength, body));
                context.Response.StatusCode = _status;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("""{"Outputs":{},"Logs":["seen"],"ReturnValue":null}""");
            });
        }
    }

    public async Task DisposeAsync() => await _handler.DisposeAsync();

    [Fact]
    public async Task A_queue_message_is_posted_double_encoded_with_its_metadata_and_deleted_after_success()
    {
        var queue = await storage.NewQueueAsync();
        var sent = await queue.SendMessageAsync("""{"feedId":"b92","requestedAt":"2026-11-22T10:00:00+00:00"}""");

        using var stop = new CancellationTokenSource();
        var run = Runner(queue, maxDequeueCount: 5).RunAsync(stop.Token);
        await WaitAsync(() => _captured.Count == 1 && _log.ToString().Contains("succeeded"));
        await WaitForEmptyAsync(queue);
        await stop.CancelAsync();
        await run;

        var (path, headers, length, body) = Assert.Single(_captured);
        Assert.Equal("/PollFeed", path);
        Assert.Equal("application/json", headers["Content-Type"].Split(';')[0]);
        Assert.Null(length);
        Assert.Equal("chunked", headers["Transfer-Encoding"]);
        Assert.True(Guid.TryParse(headers["X-Azure-Functions-InvocationId"], out _));
        Assert.False(string.IsNullOrEmpty(headers["X-Azure-Functions-HostVersion"]));
        Assert.StartsWith("Azure-Functions-Host/", headers["User-Agent"]);

        using var json = JsonDocument.Parse(body);
        var data = json.RootElement.GetProperty("Data").GetProperty("message");
        Assert.Equal(JsonValueKind.String, data.ValueKind);
        Assert.Equal("\"{\\\"feedId\\\":\\\"b92\\\",\\\"requestedAt\\\":\\\"2026-11-22T10:00:00+00:00\\\"}\"", data.GetString());
        var metadata = json.RootElement.GetProperty("Metadata");
        Assert.Equal("1", metadata.GetProperty("DequeueCount").GetString());
        Assert.Equal($"\"{sent.Value.MessageId}\"", metadata.GetProperty("Id").GetString());
        Assert.StartsWith("\"", metadata.GetProperty("PopReceipt").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$", metadata.GetProperty("InsertionTime").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$", metadata.GetProperty("ExpirationTime").GetString());
        Assert.Equal("PollFeed", metadata.GetProperty("sys").GetProperty("MethodName").GetString());
        Assert.False(metadata.TryGetProperty("QueueTrigger", out _));
        Assert.Contains("PollFeed: seen", _log.ToString());
    }

    [Fact]
    public async Task A_failing_message_is_retried_with_a_growing_dequeue_count_then_moved_to_poison()
    {
        _status = 500;
        var queue = await storage.NewQueueAsync();
        var poison = storage.Account.GetQueueClient(queue.Name + "-poison");
        await queue.SendMessageAsync("never works");

        using var stop = new CancellationTokenSource();
        var run = Runner(queue, maxDequeueCount: 3, poison).RunAsync(stop.Token);
        await WaitAsync(() => _log.ToString().Contains("moved to"));
        await stop.CancelAsync();
        await run;

        Assert.Equal(["1", "2", "3"], _captured.Select(c => JsonDocument.Parse(c.Body).RootElement.GetProperty("Metadata").GetProperty("DequeueCount").GetString()));
        Assert.Equal("never works", Assert.Single(await poison.PeekAllAsync()).MessageText);
        Assert.Empty(await queue.PeekAllAsync());
        Assert.Contains("failed: status 500", _log.ToString());
    }

    [Fact]
    public async Task A_timer_is_posted_as_an_embedded_TimerInfo_object_with_its_schedule_status()
    {
        var timer = new TimerFunction("PollFeeds", "timer", "0 0 3 1 * *", RunOnStartup: true);
        var invoker = new FunctionInvoker(new HttpClient(), _ => Task.FromResult(_handler.BaseUri), TimeSpan.FromSeconds(30), TimeProvider.System);

        using var stop = new CancellationTokenSource();
        var run = new TimerRunner(timer, invoker, new HostLog(_log, TimeProvider.System), TimeProvider.System).RunAsync(stop.Token);
        await WaitAsync(() => _captured.Count == 1);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        using var json = JsonDocument.Parse(Assert.Single(_captured).Body);
        var info = json.RootElement.GetProperty("Data").GetProperty("timer");
        Assert.True(info.GetProperty("Schedule").GetProperty("AdjustForDST").GetBoolean());
        Assert.False(info.GetProperty("IsPastDue").GetBoolean());
        var status = info.GetProperty("ScheduleStatus");
        var next = DateTimeOffset.Parse(status.GetProperty("Next").GetString()!);
        Assert.Equal((1, 3, 0), (next.Day, next.Hour, next.Minute));
        Assert.Equal("0001-01-01T00:00:00+00:00", status.GetProperty("Last").GetString());
        Assert.Equal(["sys"], json.RootElement.GetProperty("Metadata").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task A_timer_firing_more_than_once_a_minute_is_unmonitored_and_has_no_status()
    {
        var timer = new TimerFunction("PollFeeds", "timer", "*/1 * * * * *", RunOnStartup: false);
        var invoker = new FunctionInvoker(new HttpClient(), _ => Task.FromResult(_handler.BaseUri), TimeSpan.FromSeconds(30), TimeProvider.System);

        using var stop = new CancellationTokenSource();
        var run = new TimerRunner(timer, invoker, new HostLog(_log, TimeProvider.System), TimeProvider.System).RunAsync(stop.Token);
        await WaitAsync(() => _captured.Count >= 2);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        Assert.All(_captured, c => Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(c.Body).RootElement.GetProperty("Data").GetProperty("timer").GetProperty("ScheduleStatus").ValueKind));
    }

    private QueueRunner Runner(QueueClient queue, int maxDequeueCount, QueueClient? poison = null)
    {
        var settings = new QueueSettings(TimeSpan.FromMilliseconds(200), TimeSpan.Zero, 4, 2, maxDequeueCount, Base64: true);
        var invoker = new FunctionInvoker(new HttpClient(), _ => Task.FromResult(_handler.BaseUri), TimeSpan.FromSeconds(30), TimeProvider.System);
        return new QueueRunner(new QueueFunction("PollFeed", "message", queue.Name, "AzureWebJobsStorage"), settings, queue, poison ?? storage.Account.GetQueueClient(queue.Name + "-poison"), invoker, new HostLog(_log, TimeProvider.System), TimeProvider.System);
    }

    private static async Task WaitAsync(Func<bool> condition)
    {
        for (var i = 0; i < 300 && !condition(); i++)
        {
            await Task.Delay(100);
        }

        Assert.True(condition(), "timed out");
    }

    private static async Task WaitForEmptyAsync(QueueClient queue)
    {
        for (var i = 0; i < 100 && (await queue.PeekAllAsync()).Count > 0; i++)
        {
            await Task.Delay(100);
        }
    }
}
