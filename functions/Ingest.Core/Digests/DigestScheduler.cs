using Ingest.Core.Subscriptions;

namespace Ingest.Core.Digests;

/// <summary>The <c>ScheduleDigests</c> timer's work: one <c>digests</c> message per subscriber whose digest is due now.</summary>
public sealed class DigestScheduler(ISubscriberStore subscribers, IDigestQueue queue, TimeProvider timeProvider)
{
    public async Task<IReadOnlyList<DigestPeriod>> ScheduleAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var due = (await subscribers.ListAsync(cancellationToken).ConfigureAwait(false))
            .Select(s => DigestSchedule.Due(s, now))
            .OfType<DigestPeriod>()
            .ToList();
        foreach (var period in due)
        {
            await queue.EnqueueAsync(period, cancellationToken).ConfigureAwait(false);
        }

        return due;
    }
}
