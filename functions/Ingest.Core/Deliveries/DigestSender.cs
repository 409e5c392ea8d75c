using Ingest.Core.Model;
using Ingest.Core.Subscriptions;

namespace Ingest.Core.Deliveries;

/// <summary>
/// The <c>SendDigest</c> queue function's work: one subscriber's digest for one period, at most once
/// (<see cref="Mailer"/>). A period with nothing on the subscriber's topics is recorded empty and sends nothing. An SMTP
/// failure is recorded and thrown as a <see cref="Mail.TransientMailFailureException"/>, so the message is tried again later.
/// </summary>
public sealed class DigestSender(ISubscriberStore subscribers, IHitReader hits, Mailer mailer, DigestWriter writer)
{
    public async Task<string> SendAsync(DigestPeriod period, CancellationToken cancellationToken)
    {
        var subscriber = await subscribers.GetAsync(period.SubscriberId, cancellationToken).ConfigureAwait(false);
        if (subscriber is not { Status: SubscriberStatus.Active })
        {
            return $"{period.SubscriberId} {period.Id}: not sent, the subscription is not active";
        }

        var slot = await mailer.OpenAsync(period.SubscriberId, period.Id, cancellationToken).ConfigureAwait(false);
        if (slot.IsDone)
        {
            return slot.DoneLine;
        }

        // Their watches' hits have no floor: a watch is their own words, not the model's guess.
        var watches = subscriber.WatchQueries.Select(w => w.Id).ToList();
        var found = await hits.ReadAsync(subscriber.Topics, period.Start, period.End, subscriber.MinScore ?? 0, cancellationToken).ConfigureAwait(false);
        found = watches.Count == 0 ? found : [.. found, .. await hits.ReadAsync(watches, period.Start, period.End, 0, cancellationToken).ConfigureAwait(false)];
        if (await writer.WriteAsync(subscriber, period, found, cancellationToken).ConfigureAwait(false) is not { } digest)
        {
            await mailer.RecordEmptyAsync(slot, cancellationToken).ConfigureAwait(false);
            return $"{slot}: nothing matched, no mail";
        }

        var result = await mailer.SendAsync(slot, digest, found.Count, cancellationToken).ConfigureAwait(false);
        return result.Retry is { } retry ? throw retry : result.Line!;
    }
}
