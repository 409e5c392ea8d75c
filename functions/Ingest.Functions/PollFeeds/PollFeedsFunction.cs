using Ingest.Functions.Invocations;
using Ingest.Storage.Stores;

namespace Ingest.Functions.PollFeeds;

/// <summary>Timer <c>%PollSchedule%</c>: one <c>feed-polls</c> message per due feed.</summary>
public static class PollFeedsFunction
{
    public static async Task RunAsync(TimerTrigger timer, InvocationLog log, PollingServices services, CancellationToken cancellationToken)
    {
        var queued = await services.Dispatcher.DispatchAsync(cancellationToken);
        log.Add($"queued {queued.Count} due feeds{(timer.IsPastDue ? " (catching up a missed run)" : "")}");
    }
}
