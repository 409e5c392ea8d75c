using Ingest.Functions.Invocations;
using Ingest.Storage.Stores;

namespace Ingest.Functions.ScheduleDigests;

/// <summary>Timer <c>%DigestSchedule%</c> (hourly): one <c>digests</c> message per subscriber whose digest is due.</summary>
public static class ScheduleDigestsFunction
{
    public static async Task RunAsync(TimerTrigger timer, InvocationLog log, MailServices mail, CancellationToken cancellationToken)
    {
        var due = await mail.Scheduler.ScheduleAsync(cancellationToken);
        log.Add($"queued {due.Count} due digests");
    }
}
