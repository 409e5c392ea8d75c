using Ingest.Core.Monitoring;
using Ingest.Core.Polling;
using Microsoft.Azure.Functions.Worker;

namespace Ingest.Functions.PollFeeds;

/// <summary>Timer <c>%PollSchedule%</c>: one <c>feed-polls</c> message per due feed.</summary>
public sealed class PollFeedsFunction(PollDispatcher dispatcher, IRunLog runs, TimeProvider time, ILogger<PollFeedsFunction> logger)
{
    [Function("PollFeeds")]
    public async Task RunAsync([TimerTrigger("%PollSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var queued = await dispatcher.DispatchAsync(cancellationToken);
        var summary = $"queued {queued.Count} due feeds{(timer.IsPastDue ? " (catching up a missed run)" : "")}";
        await runs.RecordAsync("PollFeeds", time.GetUtcNow(), summary, cancellationToken);
        logger.LogInformation("{Summary}", summary);
    }
}
