using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Ingest.Core.Model;
using Ingest.Storage;
using Ingest.Testing;
using Microsoft.AspNetCore.Http;
using static Ingest.EndToEnd.Tests.SampleFeeds;

namespace Ingest.EndToEnd.Tests;

/// <summary>
/// The deployed pipeline with an OpenTelemetry collector configured: a loopback server stands in for the collector,
/// taking OTLP over HTTP as an operator's would, and sees the poll's spans and Ingest's counters.
/// </summary>
public sealed class TelemetryExportTests
{
    [Fact]
    public async Task With_an_otlp_endpoint_set_a_poll_exports_its_trace_and_the_counters()
    {
        await using var collector = await Collector.StartAsync();
        await using var service = await ServiceUnderTest.StartAsync(
            [("wire", "/wire.xml", false)],
            feeds => feeds.Map("/wire.xml", context =>
            {
                context.Response.ContentType = "application/rss+xml";
                return context.Response.WriteAsync(Rss(feeds.BaseUri, Kfor, Chess));
            }),
            settings: collector.Settings);

        await service.EnqueuePollAsync("wire", DateTimeOffset.UtcNow);
        await service.WaitForAsync(async () => await service.CountAsync(StorageLayout.Hits) > 0, "the poll's hit");
        await service.WaitForAsync(
            () => Task.FromResult(collector.Exported("traces", "poll feed", "store") && collector.Exported("metrics", "ingest.polls", "ingest.hits", "ingest.stories", "ingest.match.duration")),
            "the poll's trace and counters at the collector", seconds: 120);

        var trace = collector.Received("traces");
        Assert.Contains("wire", trace, StringComparison.Ordinal);
        foreach (var span in new[] { "fetch", "parse", "read", "file stories" })
        {
            Assert.Contains(span, trace, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_message_that_fails_every_try_is_counted_as_tried_again_and_then_given_up_on()
    {
        await using var collector = await Collector.StartAsync();
        await using var service = await ServiceUnderTest.StartAsync([("wire", "/wire.xml", false)], _ => { }, settings: collector.Settings);

        await service.Account.GetQueueClient(QueueNames.FeedPolls).SendMessageAsync("not a poll request");

        await service.WaitForAsync(async () => (await service.Account.GetQueueClient(QueueNames.Poison(QueueNames.FeedPolls)).PeekAllAsync()).Count == 1, "the move to feed-polls-poison");
        await service.WaitForAsync(
            () => Task.FromResult(collector.Exported("metrics", "ingest.queue.retries", "ingest.queue.poisoned", "PollFeed")),
            "the retries and the give-up at the collector", seconds: 120);
    }

    [Fact]
    public async Task Ingest_host_with_counters_and_spans_prints_the_running_totals_of_a_poll_and_where_its_time_went()
    {
        await using var service = await ServiceUnderTest.StartAsync(
            [("wire", "/wire.xml", false)],
            feeds => feeds.Map("/wire.xml", context =>
            {
                context.Response.ContentType = "application/rss+xml";
                return context.Response.WriteAsync(Rss(feeds.BaseUri, Kfor, Chess));
            }),
            hostArguments: ["--counters", "1", "--spans", "1"]);

        await service.EnqueuePollAsync("wire", DateTimeOffset.UtcNow);

        // A summary can fall between two counts of one poll, so wait for the line that has the whole poll in it.
        var line = await service.Host.WaitForLineAsync(new Regex(@"counters: (?=.*ingest\.polls\{ok\}=1\b)(?=.*ingest\.items\.new=2\b).*"), TimeSpan.FromSeconds(120));
        Assert.Contains("ingest.hits{kfor}=1", line.Value, StringComparison.Ordinal);
        Assert.Contains("ingest.stories{founded}=1", line.Value, StringComparison.Ordinal);

        // The poll's stages and the storage calls under them, each with a count and a time.
        var spans = await service.Host.WaitForLineAsync(new Regex(@"spans: (?=.*\bpoll feed 1× )(?=.*\bfetch 1× )(?=.*\bstore 1× ).*"), TimeSpan.FromSeconds(120));
        Assert.Matches(@"TableClient\.SubmitTransaction \d+× [\d.]+ ms = [\d.]+ s", spans.Value);
        Assert.Matches(@"TableClient\.GetEntityIfExists \d+× ", spans.Value);
    }

    /// <summary>A loopback OTLP/HTTP collector keeping what it was sent, by signal.</summary>
    private sealed class Collector : IAsyncDisposable
    {
        private readonly ConcurrentQueue<(string Signal, string Body)> _received = new();
        private LoopbackHttpServer _server = null!;

        /// <summary>The settings that point the worker at this collector, exporting every second or so.</summary>
        public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = _server.BaseUri.AbsoluteUri.TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "500",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
        };

        public static async Task<Collector> StartAsync()
        {
            var collector = new Collector { _server = await LoopbackHttpServer.StartAsync() };
            foreach (var signal in new[] { "traces", "metrics", "logs" })
            {
                collector._server.Map($"/v1/{signal}", async context =>
                {
                    using var body = new MemoryStream();
                    await context.Request.Body.CopyToAsync(body);
                    // Protobuf keeps strings as UTF-8 bytes: span, metric and attribute names can be looked for as text.
                    collector._received.Enqueue((signal, Encoding.UTF8.GetString(body.ToArray())));
                    context.Response.StatusCode = StatusCodes.Status200OK;
                });
            }

            return collector;
        }

        public string Received(string signal) => string.Concat(_received.Where(r => r.Signal == signal).Select(r => r.Body));

        public bool Exported(string signal, params string[] names)
        {
            var bodies = Received(signal);
            return names.All(n => bodies.Contains(n, StringComparison.Ordinal));
        }

        public ValueTask DisposeAsync() => _server.DisposeAsync();
    }
}
