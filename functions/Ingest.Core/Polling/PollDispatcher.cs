using Ingest.Core.Scheduling;

namespace Ingest.Core.Polling;

/// <summary>
/// The <c>PollFeeds</c> timer's work: one <c>feed-polls</c> message per feed that is due. Each feed is leased
/// before its message is sent, so the next tick does not queue it again while the poll is still running;
/// a poll that never finishes (poisoned message) makes the feed due again when the lease ends.
/// </summary>
public sealed class PollDispatcher(IFeedStore feeds, IPollQueue queue, PollPolicy policy, TimeProvider timeProvider)
{
    public async Task<IReadOnlyList<FeedRecord>> DispatchAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var due = (await feeds.ListAsync(cancellationToken).ConfigureAwait(false)).Where(f => f.IsDue(now)).ToList();
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (feed, ct) =>
        {
            await feeds.LeaseAsync(feed.Id, now + policy.Interval, ct).ConfigureAwait(false);
            await queue.EnqueueAsync(new PollRequest(feed.Id, now), ct).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return due;
    }
}
