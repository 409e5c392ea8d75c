using System.Diagnostics;
using Ingest.Core.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Ingest.Functions.Startup;

/// <summary>
/// Where the worker's time goes, in its log: every <see cref="Setting"/> seconds, when that setting is above zero, one
/// line of running totals of the spans that ended — Ingest's own (a poll and its fetch, parse, read, stories and
/// store), each Azure SDK call (one per storage round trip) and each Functions invocation. Written only when something
/// ended since the last. Off unless asked for (the load test asks); in Azure, a tracing backend shows the same spans.
/// </summary>
public sealed class SpanSummary(IConfiguration configuration, TimeProvider time, ILogger<SpanSummary> logger) : BackgroundService
{
    /// <summary>The app setting <c>Telemetry__SpanSummarySeconds</c>, as configuration names it.</summary>
    public const string Setting = "Telemetry:SpanSummarySeconds";

    /// <summary>
    /// The Azure SDK makes a span of each call only when this switch is on, and reads it once, when its first client
    /// starts: so it is turned on before the host is built, and only when the summary is asked for.
    /// </summary>
    public static void PrepareFor(IConfiguration configuration)
    {
        if (Seconds(configuration) > 0)
        {
            AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = Seconds(configuration);
        if (seconds <= 0)
        {
            return;
        }

        var totals = new SpanTotals();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == IngestTelemetry.Name
                || source.Name.StartsWith("Azure.", StringComparison.Ordinal)
                || source.Name.StartsWith("Microsoft.Azure.Functions.Worker", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity => totals.Add(activity.DisplayName, activity.Duration),
        };
        ActivitySource.AddActivityListener(listener);

        await PeriodicSummary.RunAsync(seconds, time, () => totals.Changes, () => logger.Spans(totals), stoppingToken).ConfigureAwait(false);
    }

    private static int Seconds(IConfiguration configuration) => PeriodicSummary.Seconds(configuration, Setting);
}
