using Ingest.Core.Monitoring;
using Ingest.Core.Deliveries;
using Microsoft.Azure.Functions.Worker;

namespace Ingest.Functions.ScheduleDigests;

/// <summary>Timer <c>%DigestSchedule%</c> (hourly): one <c>digests</c> message per subscriber whose digest is due.</summary>
public sealed class ScheduleDigestsFunction(DigestScheduler scheduler, IRunLog runs, TimeProvider time, ILogger<ScheduleDigestsFunction> logger)
{
    [Function("ScheduleDigests")]
    public async Task RunAsync([TimerTrigger("%DigestSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        // The host's schedule status says when the last run was; a first run has the default date, so an hour is assumed.
        var last = timer.ScheduleStatus?.Last is { Year: > 1 } previous ? new DateTimeOffset(previous, TimeSpan.Zero) : (DateTimeOffset?)null;
        var due = await scheduler.ScheduleAsync(last, cancellationToken);
        var summary = $"queued {due.Count} due digests";
        await runs.RecordAsync("ScheduleDigests", time.GetUtcNow(), summary, cancellationToken);
        logger.LogInformation("{Summary}", summary);
    }
}
