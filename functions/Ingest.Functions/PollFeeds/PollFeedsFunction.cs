using Ingest.Functions.Invocations;
using Ingest.Storage.Stores;

namespace Ingest.Functions.PollFeeds;

/// <summary>Timer <c>%PollSchedule%</c>: one <c>feed-polls</c> message per due feed.</summary>
public static class PollFeedsFunction
{
    public static async Task RunAsync(TimerTrigger timer, InvocationLog log, Ingest.Core.Polling.PollDispatcher dispatcher, RunTable runs, TimeProvider time, CancellationToken cancellationToken)
    {
        var queued = await dispatcher.DispatchAsync(cancellationToken);
        var summary = $"queued {queued.Count} due feeds{(timer.IsPastDue ? " (catching up a missed run)" : "")}";
        await runs.RecordAsync("PollFeeds", time.GetUtcNow(), summary, cancellationToken);
        log.Add(summary);
    }
}
