using Ingest.Core.Deliveries;
using Ingest.Core.Model;
using Ingest.Core.Monitoring;
using Ingest.Core.Polling;
using Ingest.Core.Stories;
using Ingest.Functions.Startup;
using Microsoft.Azure.Functions.Worker;

namespace Ingest.Functions.Timers;

/// <summary>
/// Every timer function; each run is recorded in the run log (<see cref="IRunLog"/>), which status shows:
/// <list type="table">
/// <item><term>PollFeeds</term><description><c>%PollSchedule%</c>: the due feeds as <c>feed-polls</c> messages, once the start-up catalogue import has ended.</description></item>
/// <item><term>ScheduleDigests</term><description><c>%DigestSchedule%</c> (hourly): one <c>digests</c> message per subscriber whose digest is due.</description></item>
/// <item><term>WatchSpikes</term><description>every five minutes: each topic's last hour of new stories against its baseline; spikes opened, grown, ended.</description></item>
/// <item><term>ReportStatus</term><description>every five minutes: the status as metrics (freshness level, queue and poison depths), which the alert rules watch.</description></item>
/// </list>
/// A run that fails is noted in the run log by <see cref="InvocationMiddleware"/>.
/// </summary>
public sealed class TimerFunctions(PollDispatcher dispatcher, CatalogueImported catalogueImported, DigestScheduler scheduler, SpikeMonitor monitor, StatusReporter reporter, TopicCatalog topics, IRunLog runs, TimeProvider time, ILogger<TimerFunctions> logger)
{
    [Function("PollFeeds")]
    public async Task PollFeedsAsync([TimerTrigger("%PollSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        await catalogueImported.WaitAsync(cancellationToken);
        var queued = await dispatcher.DispatchAsync(cancellationToken);
        await RecordAsync("PollFeeds", $"queued {queued.Count} due feeds{(timer.IsPastDue ? " (catching up a missed run)" : "")}", cancellationToken);
    }

    [Function("ScheduleDigests")]
    public async Task ScheduleDigestsAsync([TimerTrigger("%DigestSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        // The host's schedule status says when the last run was; a first run has the default date, so an hour is assumed.
        var last = timer.ScheduleStatus?.Last is { Year: > 1 } previous ? new DateTimeOffset(previous, TimeSpan.Zero) : (DateTimeOffset?)null;
        var due = await scheduler.ScheduleAsync(last, cancellationToken);
        await RecordAsync("ScheduleDigests", $"queued {due.Count} due digests", cancellationToken);
    }

    [Function("WatchSpikes")]
    public async Task WatchSpikesAsync([TimerTrigger("0 */5 * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var changes = await monitor.RunAsync([.. topics.Topics.Select(t => t.Id)], cancellationToken);
        foreach (var change in changes)
        {
            logger.Did(change);
        }

        await runs.RecordAsync("WatchSpikes", time.GetUtcNow(), changes.Count == 0 ? "no spike started or ended" : string.Join("; ", changes), cancellationToken);
    }

    [Function("ReportStatus")]
    public async Task ReportStatusAsync([TimerTrigger("30 */5 * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var freshness = await reporter.ReportAsync(cancellationToken);
        await RecordAsync("ReportStatus", $"freshness {freshness.Status}", cancellationToken);
    }

    private async Task RecordAsync(string function, string summary, CancellationToken cancellationToken)
    {
        await runs.RecordAsync(function, time.GetUtcNow(), summary, cancellationToken);
        logger.Did(summary);
    }
}
