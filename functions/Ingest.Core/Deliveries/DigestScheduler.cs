using Ingest.Core.Model;
using Ingest.Core.Subscriptions;

namespace Ingest.Core.Deliveries;

/// <summary>The <c>ScheduleDigests</c> timer's work: one <c>digests</c> message per subscriber whose digest fell due since the last run.</summary>
public sealed class DigestScheduler(ISubscriberStore subscribers, IQueue<DigestPeriod> queue, TimeProvider timeProvider)
{
    /// <param name="lastRun">The previous run's time (the timer's schedule status); an hour ago when unknown.</param>
    public async Task<IReadOnlyList<DigestPeriod>> ScheduleAsync(DateTimeOffset? lastRun, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var since = lastRun is { } last && last < now ? last : now - TimeSpan.FromHours(1);
        var due = (await subscribers.ListAsync(cancellationToken).ConfigureAwait(false))
            .Select(s => DigestSchedule.Due(s, since, now))
            .OfType<DigestPeriod>()
            .ToList();
        foreach (var period in due)
        {
            await queue.EnqueueAsync(period, cancellationToken).ConfigureAwait(false);
        }

        return due;
    }
}
