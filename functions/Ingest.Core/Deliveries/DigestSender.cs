using Ingest.Core.Mail;
using Ingest.Core.Subscriptions;
using Ingest.Core.Model;

namespace Ingest.Core.Deliveries;

/// <summary>
/// The <c>SendDigest</c> queue function's work: never twice. The period's delivery is looked up first; a digest
/// that was sent, was empty, or was being sent when a previous try died is not sent again (at most once beats
/// twice in an inbox). An SMTP failure is recorded and thrown as a <see cref="TransientMailFailure"/>, so the message is
/// tried again later; the next try sends.
/// </summary>
public sealed class DigestSender(ISubscriberStore subscribers, IHitReader hits, IDeliveryStore deliveries, IMailSender mail, IMailTemplates templates, SubscriptionService subscriptions, IReadOnlyDictionary<string, string> topicTitles, TimeProvider timeProvider)
{
    public async Task<string> SendAsync(DigestPeriod period, CancellationToken cancellationToken)
    {
        var subscriber = await subscribers.GetAsync(period.SubscriberId, cancellationToken).ConfigureAwait(false);
        if (subscriber is not { Status: SubscriberStatus.Active })
        {
            return $"{period.SubscriberId} {period.Id}: not sent, the subscription is not active";
        }

        var previous = await deliveries.GetAsync(period.SubscriberId, period.Id, cancellationToken).ConfigureAwait(false);
        if (previous is { Status: DeliveryStatus.Sent or DeliveryStatus.Empty or DeliveryStatus.Sending })
        {
            return $"{period.SubscriberId} {period.Id}: already {previous.Status.ToString().ToLowerInvariant()} at {previous.UpdatedAt:u}; not sent again";
        }

        var found = await hits.ReadAsync(subscriber.Topics, period.Start, period.End, subscriber.MinScore ?? 0, cancellationToken).ConfigureAwait(false);
        var content = DigestComposer.Compose(subscriber, period, found, topicTitles, subscriptions.UnsubscribeUrl(subscriber), subscriptions.PreferencesUrl(subscriber));
        if (content is null)
        {
            await deliveries.TryClaimAsync(new Delivery(period.SubscriberId, period.Id, DeliveryStatus.Empty, timeProvider.GetUtcNow()), previous, cancellationToken).ConfigureAwait(false);
            return $"{period.SubscriberId} {period.Id}: nothing matched, no mail";
        }

        var digest = await templates.DigestAsync(content, cancellationToken).ConfigureAwait(false);
        var claim = new Delivery(period.SubscriberId, period.Id, DeliveryStatus.Sending, timeProvider.GetUtcNow(), found.Count, digest.MessageId);
        var (line, retry) = await ClaimedSend.SendAsync(deliveries, mail, timeProvider, claim, previous, digest, cancellationToken).ConfigureAwait(false);
        return retry is not null ? throw retry : line ?? $"{period.SubscriberId} {period.Id}: already being sent by another invocation; not sent again";
    }
}
