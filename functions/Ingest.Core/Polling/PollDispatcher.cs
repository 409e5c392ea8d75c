using Ingest.Core.Model;
using Ingest.Core.Scheduling;

namespace Ingest.Core.Polling;

/// <summary>
/// The <c>PollFeeds</c> timer's work: the feeds that are due, queued as <c>feed-polls</c> messages (polls due at one
/// moment share messages, <see cref="PollMessages"/>). Each feed is leased before its message is sent, so the next tick
/// does not queue it again while the poll is still running; a poll that never finishes (poisoned message) makes the
/// feed due again when the lease ends. The feeds of a busy host
/// are spread over the interval (<see cref="PollSpread"/>): their messages wait their turn, invisible until it comes.
/// The leases go first and all together (the feeds share a partition, so a hundred leases are one write), each only over
/// the row as listed: of two dispatchers that saw a feed due (two instances, two local hosts), one leases and queues it.
/// A message is sent only once its lease is written, and a failed lease write sends none (the next tick tries again).
/// </summary>
public sealed class PollDispatcher(IFeedStore feeds, IQueue<PollRequest> queue, PollPolicy policy, TimeProvider timeProvider)
{
    /// <summary>Messages sent at once: each is a small request that mostly waits for the queue service.</summary>
    private const int Sends = 64;

    public async Task<IReadOnlyList<FeedRecord>> DispatchAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var enabled = (await feeds.ListSchedulesAsync(cancellationToken).ConfigureAwait(false)).Where(f => f.Enabled).ToList();
        var plan = PollSpread.Plan([.. enabled.Where(f => f.IsDue(now))], enabled, policy);
        var leased = (await feeds.LeaseAsync([.. plan.Select(poll => new FeedLease(poll.Feed.Id, now + poll.Delay + policy.Interval, poll.Feed.RowVersion))], cancellationToken).ConfigureAwait(false))
            .ToHashSet(StringComparer.Ordinal);
        var queued = plan.Where(poll => leased.Contains(poll.Feed.Id)).ToList();
        // Sent many at once: polls begin as the first messages land, and the sooner the last lands the sooner the cycle ends.
        await Parallel.ForEachAsync(PollMessages.Pack(queued, now), new ParallelOptions { MaxDegreeOfParallelism = Sends, CancellationToken = cancellationToken }, async (message, ct) =>
            await queue.EnqueueAsync(message.Request, ct, message.Delay > TimeSpan.Zero ? message.Delay : null).ConfigureAwait(false)).ConfigureAwait(false);
        return [.. queued.Select(p => p.Feed)];
    }
}
