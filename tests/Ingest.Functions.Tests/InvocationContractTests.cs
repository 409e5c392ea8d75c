using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Ingest.Functions.Invocations;
using Ingest.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Ingest.Functions.Tests;

/// <summary>The handler's side of the host contract (custom-handler.md §2–3), over real loopback HTTP.</summary>
public sealed class InvocationContractTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<object> _received = new();
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        var port = LoopbackPort.GetUnused();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapQueueFunction("PollFeed", "message", (trigger, log, _) =>
        {
            _received.Enqueue(trigger);
            log.Add($"polled {trigger.MessageText}");
            return Task.CompletedTask;
        });
        _app.MapTimerFunction("PollFeeds", "timer", (trigger, _, _) =>
        {
            _received.Enqueue(trigger);
            return Task.CompletedTask;
        });
        _app.MapQueueFunction("Broken", "message", (_, _, _) => throw new InvalidOperationException("storage went away"));
        await _app.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_queue_message_double_encoded_by_the_host_arrives_as_its_text()
    {
        const string body = """
            {"Data":{"message":"\"{\\\"feedId\\\":\\\"b92\\\"}\""},
             "Metadata":{"DequeueCount":"3","ExpirationTime":"2026-01-12T09:00:00+00:00","Id":"\"0a6f2c1e-1111-2222-3333-444455556666\"",
              "InsertionTime":"2026-01-05T09:00:00+00:00","NextVisibleTime":"2026-01-05T09:10:00+00:00",
              "PopReceipt":"\"AgAAAAMAAAAAAAAA\"","sys":{"MethodName":"PollFeed"}}}
            """;

        var response = await Post("/PollFeed", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var trigger = Assert.IsType<QueueTrigger>(Assert.Single(_received));
        Assert.Equal("""{"feedId":"b92"}""", trigger.MessageText);
        Assert.Equal(3, trigger.DequeueCount);
        Assert.Equal("0a6f2c1e-1111-2222-3333-444455556666", trigger.MessageId);
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero), trigger.InsertedOn);
        await AssertContractAnswer(response, ["polled {\"feedId\":\"b92\"}"]);
    }

    [Fact]
    public async Task The_singly_encoded_shape_of_the_documentation_is_read_too()
    {
        var response = await Post("/PollFeed", """{"Data":{"message":"{ message: \"Message sent\" }"},"Metadata":{"DequeueCount":1}}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var trigger = Assert.IsType<QueueTrigger>(Assert.Single(_received));
        Assert.Equal("{ message: \"Message sent\" }", trigger.MessageText);
        Assert.Equal(1, trigger.DequeueCount);
    }

    [Fact]
    public async Task Text_that_merely_starts_with_a_quote_is_kept_as_it_came()
    {
        var response = await Post("/PollFeed", """{"Data":{"message":"\"Quoted\" headline"},"Metadata":{}}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"Quoted\" headline", Assert.IsType<QueueTrigger>(Assert.Single(_received)).MessageText);
    }

    [Fact]
    public async Task A_timer_invocation_carries_its_schedule_status()
    {
        const string body = """
            {"Data":{"timer":{"Schedule":{"AdjustForDST":true},
              "ScheduleStatus":{"Last":"2026-01-05T10:00:00+00:00","Next":"2026-01-05T10:10:00+00:00","LastUpdated":"2026-01-05T10:00:00+00:00"},
              "IsPastDue":true}},
             "Metadata":{"sys":{"MethodName":"PollFeeds","UtcNow":"2026-01-05T10:10:00.01Z","RandGuid":"9f0c"}}}
            """;

        var response = await Post("/PollFeeds", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            new TimerTrigger(true, new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 1, 5, 10, 10, 0, TimeSpan.Zero)),
            Assert.Single(_received));
        await AssertContractAnswer(response, []);
    }

    [Fact]
    public async Task A_timer_without_schedule_monitoring_has_no_status()
    {
        var response = await Post("/PollFeeds", """{"Data":{"timer":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":null,"IsPastDue":false}},"Metadata":{}}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new TimerTrigger(false, null, null), Assert.Single(_received));
    }

    [Fact]
    public async Task A_failing_function_answers_500_in_json_so_the_host_retries()
    {
        var response = await Post("/Broken", """{"Data":{"message":"\"x\""},"Metadata":{"DequeueCount":"1"}}""");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        await AssertContractAnswer(response, ["Broken failed: storage went away"]);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"Data":{},"Metadata":{}}""")]
    public async Task A_body_the_host_would_never_send_is_refused_with_the_reason(string body)
    {
        var response = await Post("/PollFeed", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("PollFeed: ", json.RootElement.GetProperty("Logs")[0].GetString());
        Assert.Empty(_received);
    }

    [Theory]
    [InlineData("""{"feedId":"b92","requestedAt":"2026-11-22T10:00:00+00:00"}""")]
    [InlineData("\"Quoted\" headline with a backslash \\ and Ćirilica: КФОР")]
    [InlineData("plain text")]
    public async Task What_ingest_host_sends_arrives_as_the_message_that_was_queued(string text)
    {
        var now = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
        var message = Azure.Storage.Queues.Models.QueuesModelFactory.QueueMessage("id-7", "receipt", text, 4, nextVisibleOn: now.AddMinutes(10), insertedOn: now, expiresOn: now.AddDays(7));
        var payload = Ingest.Cli.Hosting.InvocationPayloads.Queue(new Ingest.Cli.Hosting.QueueFunction("PollFeed", "message", "feed-polls", "AzureWebJobsStorage"), message, now);

        var response = await Post("/PollFeed", payload.ToJsonString(Ingest.Cli.Hosting.InvocationPayloads.HostJson));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new QueueTrigger(text, 4, "id-7", now), Assert.Single(_received));
    }

    private Task<HttpResponseMessage> Post(string path, string body) =>
        _http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

    /// <summary>The host reads the answer as JSON (a text/plain answer fails the invocation) with exactly these names.</summary>
    private static async Task AssertContractAnswer(HttpResponseMessage response, string[] logs)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(["Outputs", "Logs", "ReturnValue"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Object, json.RootElement.GetProperty("Outputs").ValueKind);
        Assert.Equal(logs, json.RootElement.GetProperty("Logs").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("ReturnValue").ValueKind);
    }
}
