using Ingest.Core.Telemetry;

namespace Ingest.Core.Monitoring;

/// <summary>
/// Reads the status as <c>/api/status</c> does and records it as metrics (<see cref="IngestMetrics.RecordStatus"/>),
/// so what an operator would see on the status page reaches the alert rules without anyone asking for the page.
/// A status that could not read storage is unhealthy, and says so too.
/// </summary>
public sealed class StatusReporter(StatusReader reader, IngestMetrics metrics)
{
    public async Task<FreshnessReport> ReportAsync(CancellationToken cancellationToken)
    {
        var status = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        metrics.RecordStatus(status.Freshness.Level, status.Queues.Select(q => (q.Key, q.Value.Messages, q.Value.Poison)));
        return status.Freshness;
    }
}
