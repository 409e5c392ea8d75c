using System.Collections.Concurrent;
using System.Text;
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
        await using var collector = await LoopbackHttpServer.StartAsync();
        var received = new ConcurrentQueue<(string Signal, string Body)>();
        foreach (var signal in new[] { "traces", "metrics", "logs" })
        {
            collector.Map($"/v1/{signal}", async context =>
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body);
                // Protobuf keeps strings as UTF-8 bytes: span, metric and attribute names can be looked for as text.
                received.Enqueue((signal, Encoding.UTF8.GetString(body.ToArray())));
                context.Response.StatusCode = StatusCodes.Status200OK;
            });
        }

        await using var service = await ServiceUnderTest.StartAsync(
            [("wire", "/wire.xml", false)],
            feeds => feeds.Map("/wire.xml", context =>
            {
                context.Response.ContentType = "application/rss+xml";
                return context.Response.WriteAsync(Rss(feeds.BaseUri, Kfor, Chess));
            }),
            settings: new Dictionary<string, string>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.BaseUri.AbsoluteUri.TrimEnd('/'),
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_BSP_SCHEDULE_DELAY"] = "500",
                ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
            });

        await service.EnqueuePollAsync("wire", DateTimeOffset.UtcNow);
        await service.WaitForAsync(async () => await service.CountAsync(StorageLayout.Hits) > 0, "the poll's hit");
        await service.WaitForAsync(
            () => Task.FromResult(Exported("traces", "poll feed", "store") && Exported("metrics", "ingest.polls", "ingest.hits")),
            "the poll's trace and counters at the collector", seconds: 120);

        var trace = string.Concat(received.Where(r => r.Signal == "traces").Select(r => r.Body));
        Assert.Contains("wire", trace, StringComparison.Ordinal);
        foreach (var span in new[] { "fetch", "parse", "read", "file stories" })
        {
            Assert.Contains(span, trace, StringComparison.Ordinal);
        }

        bool Exported(string signal, params string[] names)
        {
            var bodies = string.Concat(received.Where(r => r.Signal == signal).Select(r => r.Body));
            return names.All(n => bodies.Contains(n, StringComparison.Ordinal));
        }
    }
}
