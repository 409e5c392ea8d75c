using NCrontab;

namespace Ingest.Host;

/// <summary>
/// Fires a timer function on its NCRONTAB schedule (six fields, UTC). A schedule that fires more than once a
/// minute is not monitored, so its invocations carry no <c>ScheduleStatus</c>, as in Azure. A failed run is not
/// retried; the next occurrence is the next try.
/// </summary>
public sealed class TimerRunner(TimerFunction function, WorkerInvoker invoker, HostLog log, TimeProvider timeProvider)
{
    public static CrontabSchedule Parse(TimerFunction function)
    {
        var fields = function.Schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        return CrontabSchedule.TryParse(function.Schedule, new CrontabSchedule.ParseOptions { IncludingSeconds = fields == 6 })
            ?? throw new HostSetupException($"{function.Name}: '{function.Schedule}' is not an NCRONTAB schedule ({{second}} {{minute}} {{hour}} {{day}} {{month}} {{day-of-week}})", badInput: true);
    }

    public async Task RunAsync(CancellationToken stopping)
    {
        var schedule = Parse(function);
        var now = timeProvider.GetUtcNow();
        var first = schedule.GetNextOccurrence(now.UtcDateTime);
        var monitored = schedule.GetNextOccurrence(first) - first >= TimeSpan.FromMinutes(1);
        DateTimeOffset? last = null;
        log.Write($"{function.Name}: timer '{function.Schedule}', first run at {first:yyyy-MM-dd HH:mm:ss} UTC");

        if (function.RunOnStartup)
        {
            await FireAsync(now, new DateTimeOffset(first, TimeSpan.Zero), monitored, last, stopping);
            last = now;
        }

        while (!stopping.IsCancellationRequested)
        {
            var due = new DateTimeOffset(schedule.GetNextOccurrence(timeProvider.GetUtcNow().UtcDateTime), TimeSpan.Zero);
            var wait = due - timeProvider.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, timeProvider, stopping);
            }

            var next = new DateTimeOffset(schedule.GetNextOccurrence(due.UtcDateTime), TimeSpan.Zero);
            await FireAsync(due, next, monitored, last, stopping);
            last = due;
        }

        // A stop that lands between two runs ends the runner the same way as one that lands during a wait.
        stopping.ThrowIfCancellationRequested();
    }

    private async Task FireAsync(DateTimeOffset occurrence, DateTimeOffset next, bool monitored, DateTimeOffset? last, CancellationToken stopping)
    {
        // The host's "never" for a first run is the default date.
        var status = monitored ? new TimerStatus(last ?? DateTimeOffset.MinValue, next, occurrence) : null;
        var result = await invoker.InvokeTimerAsync(function, status, isPastDue: false, stopping);
        InvocationLine.Write(log, function.Name, "timer", result);
    }
}
