using Ingest.Core.Mail;
using Ingest.Core.Subscriptions;
using Ingest.Core.Model;

namespace Ingest.Core.Deliveries;

/// <summary>
/// The <c>SendAlert</c> queue function's work: each active "immediate" subscriber gets the batch's hits on their
/// topics (at or above their floor) in one mail, at most once, claimed in <c>Deliveries</c> like a digest.
/// </summary>
public sealed class AlertSender(ISubscriberStore subscribers, IDeliveryStore deliveries, IMailSender mail, IMailTemplates templates, SubscriptionService subscriptions, IReadOnlyDictionary<string, string> topicTitles, TimeProvider timeProvider)
{
    public async Task<IReadOnlyList<string>> SendAsync(AlertBatch batch, CancellationToken cancellationToken)
    {
        var log = new List<string>();
        var immediate = (await subscribers.ListAsync(cancellationToken).ConfigureAwait(false))
            .Where(s => s is { Status: SubscriberStatus.Active, Frequency: Frequency.Immediate });
        TransientMailFailure? failure = null;
        foreach (var subscriber in immediate)
        {
            var hits = batch.Hits.Where(h => subscriber.Topics.Contains(h.TopicId) && h.Score >= (subscriber.MinScore ?? 0)).ToList();
            if (hits.Count == 0)
            {
                continue;
            }

            var previous = await deliveries.GetAsync(subscriber.Id, batch.Id, cancellationToken).ConfigureAwait(false);
            if (previous is { Status: not DeliveryStatus.Failed })
            {
                continue;
            }

            var period = new DigestPeriod(subscriber.Id, batch.Id, hits.Min(h => h.PublishedAt), batch.RequestedAt);
            var content = DigestComposer.Compose(subscriber, period, hits, topicTitles, subscriptions.UnsubscribeUrl(subscriber), subscriptions.PreferencesUrl(subscriber))!;
            var alert = await templates.DigestAsync(content, cancellationToken).ConfigureAwait(false);
            var claim = new Delivery(subscriber.Id, batch.Id, DeliveryStatus.Sending, timeProvider.GetUtcNow(), hits.Count, alert.MessageId);
            // The others still get theirs; this one is retried with the message, unless the server refused it for good.
            var (line, retry) = await ClaimedSend.SendAsync(deliveries, mail, timeProvider, claim, previous, alert, cancellationToken).ConfigureAwait(false);
            log.AddRange(line is null ? [] : [line]);
            failure = TransientMailFailure.Longest(failure, retry);
        }

        return failure is null ? log : throw failure;
    }
}
