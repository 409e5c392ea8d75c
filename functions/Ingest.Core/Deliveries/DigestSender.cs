using Ingest.Core.Model;
using Ingest.Core.Subscriptions;

namespace Ingest.Core.Deliveries;

/// <summary>
/// The <c>SendDigest</c> queue function's work: one subscriber's digest for one period, to their mail and endpoints, at most once
/// (<see cref="Courier"/>). A period with nothing on the subscriber's topics is recorded empty and sends nothing. An SMTP
/// failure is recorded and thrown as a <see cref="Mail.TransientDeliveryException"/>, so the message is tried again later.
/// </summary>
public sealed class DigestSender(ISubscriberStore subscribers, IHitReader hits, Courier courier)
{
    public async Task<string> SendAsync(DigestPeriod period, CancellationToken cancellationToken)
    {
        var subscriber = await subscribers.GetAsync(period.SubscriberId, cancellationToken).ConfigureAwait(false);
        if (subscriber is not { Status: SubscriberStatus.Active })
        {
            return $"{period.SubscriberId} {period.Id}: not sent, the subscription is not active";
        }

        var round = await courier.OpenAsync(subscriber, period.Id, cancellationToken).ConfigureAwait(false);
        if (round.IsDone)
        {
            return round.DoneLine;
        }

        // Their watches' hits have no floor: a watch is their own words, not the model's guess.
        var watches = subscriber.WatchQueries.Select(w => w.Id).ToList();
        var found = await hits.ReadAsync(subscriber.Topics, period.Start, period.End, subscriber.MinScore ?? 0, cancellationToken).ConfigureAwait(false);
        found = watches.Count == 0 ? found : [.. found, .. await hits.ReadAsync(watches, period.Start, period.End, 0, cancellationToken).ConfigureAwait(false)];
        var result = await courier.DeliverAsync(round, period, found, cancellationToken).ConfigureAwait(false);
        return result.Retry is { } retry ? throw retry : result.Line ?? round.DoneLine;
    }
}
