using Ingest.Core.Stories;
using System.Globalization;
using Ingest.Core.Deliveries;
using Ingest.Core.Mail;
using Ingest.Core.Subscriptions;
using Ingest.Core.Model;

namespace Ingest.Core.Deliveries;

/// <summary>
/// The <c>SendBreaking</c> queue function's work: a spike that started goes to each active "breaking" subscriber of
/// its topic as one mail with the stories that make it. The delivery is claimed per subscriber, topic and
/// <see cref="Breaking.Cooldown"/> block, so a redelivered message, a second spike soon after, or two instances at once send
/// at most one mail per topic per block.
/// </summary>
public sealed class BreakingSender(ISubscriberStore subscribers, IHitReader hits, IDeliveryStore deliveries, IMailSender mail, IMailTemplates templates, SubscriptionService subscriptions, IReadOnlyDictionary<string, string> topicTitles, TimeProvider timeProvider)
{
    public async Task<IReadOnlyList<string>> SendAsync(Spike spike, CancellationToken cancellationToken)
    {
        var log = new List<string>();
        var breaking = (await subscribers.ListAsync(cancellationToken).ConfigureAwait(false))
            .Where(s => s is { Status: SubscriberStatus.Active, Frequency: Frequency.Breaking } && s.Topics.Contains(spike.TopicId))
            .ToList();
        if (breaking.Count == 0)
        {
            return [$"{spike.Id}: no breaking subscribers follow {spike.TopicId}"];
        }

        var stories = spike.StoryIds.ToHashSet(StringComparer.Ordinal);
        var found = (await hits.ReadFoundSinceAsync([spike.TopicId], spike.StartedAt - SpikeDetector.Hour, cancellationToken).ConfigureAwait(false))
            .Where(h => h.StoryId is { } id && stories.Contains(id))
            .ToList();
        var block = new DateTimeOffset(spike.StartedAt.UtcTicks - (spike.StartedAt.UtcTicks % Breaking.Cooldown.Ticks), TimeSpan.Zero);
        var periodId = $"b-{spike.TopicId}-{block.UtcDateTime:yyyyMMdd'T'HH}";
        var title = topicTitles.GetValueOrDefault(spike.TopicId, spike.TopicId);
        TransientMailFailure? failure = null;
        foreach (var subscriber in breaking)
        {
            var previous = await deliveries.GetAsync(subscriber.Id, periodId, cancellationToken).ConfigureAwait(false);
            if (previous is { Status: not DeliveryStatus.Failed })
            {
                continue;
            }

            var period = new DigestPeriod(subscriber.Id, periodId, spike.StartedAt - SpikeDetector.Hour, spike.StartedAt);
            var mine = found.Where(h => h.Score >= (subscriber.MinScore ?? 0)).ToList();
            if (DigestComposer.Compose(subscriber, period, mine.Count > 0 ? mine : found, topicTitles, subscriptions.UnsubscribeUrl(subscriber), subscriptions.PreferencesUrl(subscriber)) is not { } content)
            {
                continue;
            }

            var usually = spike.Mean.ToString("0.#", CultureInfo.InvariantCulture);
            content = content with
            {
                Subject = $"Breaking: {title} — {spike.Peak} new stories in an hour",
                Lead = $"{spike.Peak} new stories on {title} in an hour; usually {usually}. The stories so far:",
            };
            var message = await templates.DigestAsync(content, cancellationToken).ConfigureAwait(false);
            var claim = new Delivery(subscriber.Id, periodId, DeliveryStatus.Sending, timeProvider.GetUtcNow(), found.Count, message.MessageId);
            var (line, retry) = await ClaimedSend.SendAsync(deliveries, mail, timeProvider, claim, previous, message, cancellationToken).ConfigureAwait(false);
            log.AddRange(line is null ? [] : [line]);
            failure = TransientMailFailure.Longest(failure, retry);
        }

        return failure is null ? log : throw failure;
    }
}
