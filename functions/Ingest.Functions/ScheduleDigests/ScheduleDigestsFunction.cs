using Ingest.Functions.Invocations;
using Ingest.Storage.Stores;

namespace Ingest.Functions.ScheduleDigests;

/// <summary>Timer <c>%DigestSchedule%</c> (hourly): one <c>digests</c> message per subscriber whose digest is due.</summary>
public static class ScheduleDigestsFunction
{
    public static async Task RunAsync(TimerTrigger timer, InvocationLog log, Ingest.Core.Digests.DigestScheduler scheduler, RunTable runs, TimeProvider time, CancellationToken cancellationToken)
    {
        // The host's schedule status says when the last run was; a first run has the default date, so an hour is assumed.
        var last = timer.Last is { Year: > 1 } previous ? previous : (DateTimeOffset?)null;
        var due = await scheduler.ScheduleAsync(last, cancellationToken);
        var summary = $"queued {due.Count} due digests";
        await runs.RecordAsync("ScheduleDigests", time.GetUtcNow(), summary, cancellationToken);
        log.Add(summary);
    }
}
