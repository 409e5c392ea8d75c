using Ingest.Core.Model;
using Ingest.Core.Scheduling;

namespace Ingest.Core.Polling;

/// <summary>
/// The <c>PollFeeds</c> timer's work: one <c>feed-polls</c> message per feed that is due. Each feed is leased
/// before its message is sent, so the next tick does not queue it again while the poll is still running;
/// a poll that never finishes (poisoned message) makes the feed due again when the lease ends. The feeds of a busy host
/// are spread over the interval (<see cref="PollSpread"/>): their messages wait their turn, invisible until it comes.
/// </summary>
public sealed class PollDispatcher(IFeedStore feeds, IQueue<PollRequest> queue, PollPolicy policy, TimeProvider timeProvider)
{
    public async Task<IReadOnlyList<FeedRecord>> DispatchAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var enabled = (await feeds.ListAsync(cancellationToken).ConfigureAwait(false)).Where(f => f.Enabled).ToList();
        var plan = PollSpread.Plan([.. enabled.Where(f => f.IsDue(now))], enabled, policy);
        await Parallel.ForEachAsync(plan, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (poll, ct) =>
        {
            await feeds.LeaseAsync(poll.Feed.Id, now + poll.Delay + policy.Interval, ct).ConfigureAwait(false);
            await queue.EnqueueAsync(new PollRequest(poll.Feed.Id, now + poll.Delay), ct, poll.Delay > TimeSpan.Zero ? poll.Delay : null).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return [.. plan.Select(p => p.Feed)];
    }
}
