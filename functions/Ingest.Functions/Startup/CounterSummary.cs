using System.Diagnostics.Metrics;
using Ingest.Core.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Ingest.Functions.Startup;

/// <summary>
/// A readable summary of Ingest's counters in the worker's log, every <see cref="Setting"/> seconds, when that setting is
/// above zero (<c>ingest host --counters</c> sets it): one line of running totals, written only when something was
/// counted since the last. Off unless asked for; in Azure, Application Insights has the same counters.
/// </summary>
public sealed class CounterSummary(IConfiguration configuration, TimeProvider time, ILogger<CounterSummary> logger) : BackgroundService
{
    /// <summary>The app setting <c>Telemetry__CounterSummarySeconds</c>, as configuration names it.</summary>
    public const string Setting = "Telemetry:CounterSummarySeconds";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = PeriodicSummary.Seconds(configuration, Setting);
        if (seconds <= 0)
        {
            return;
        }

        var totals = new CounterTotals();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == IngestTelemetry.Name && instrument is Counter<long>)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => totals.Add(instrument.Name, value, tags));
        listener.Start();

        await PeriodicSummary.RunAsync(seconds, time, () => totals.Changes, () => logger.Counters(totals), stoppingToken).ConfigureAwait(false);
    }
}
