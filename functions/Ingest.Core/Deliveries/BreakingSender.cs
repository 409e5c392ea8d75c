using System.Globalization;
using Ingest.Core.Mail;
using Ingest.Core.Model;
using Ingest.Core.Stories;
using Ingest.Core.Subscriptions;

namespace Ingest.Core.Deliveries;

/// <summary>
/// The <c>SendBreaking</c> queue function's work: a spike that started goes to each active "breaking" subscriber of
/// its topic as one mail with the stories that make it. The delivery is keyed per subscriber, topic and
/// <see cref="Breaking.Cooldown"/> block (<see cref="Courier"/>), so a redelivered message, a second spike soon after, or
/// two instances at once send at most one mail per topic per block.
/// </summary>
public sealed class BreakingSender(ISubscriberStore subscribers, IHitReader hits, Courier courier, TopicCatalog topics)
{
    public async Task<IReadOnlyList<string>> SendAsync(Spike spike, CancellationToken cancellationToken)
    {
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
        var log = new List<string>();
        TransientDeliveryException? failure = null;
        foreach (var subscriber in breaking)
        {
            var result = await SendOneAsync(spike, subscriber, found, cancellationToken).ConfigureAwait(false);
            log.AddRange(result?.Line is { } line ? [line] : []);
            failure = TransientDeliveryException.Longest(failure, result?.Retry);
        }

        return failure is null ? log : throw failure;
    }

    private async Task<MailResult?> SendOneAsync(Spike spike, Subscriber subscriber, List<StoredHit> found, CancellationToken cancellationToken)
    {
        var block = new DateTimeOffset(spike.StartedAt.UtcTicks - (spike.StartedAt.UtcTicks % Breaking.Cooldown.Ticks), TimeSpan.Zero);
        var periodId = $"b-{spike.TopicId}-{block.UtcDateTime:yyyyMMdd'T'HH}";
        var round = await courier.OpenAsync(subscriber, periodId, cancellationToken).ConfigureAwait(false);
        if (round.IsDone || found.Count == 0)
        {
            // No stories read yet is not "nothing to say": a later spike of the block may still send.
            return null;
        }

        var period = new DigestPeriod(subscriber.Id, periodId, spike.StartedAt - SpikeDetector.Hour, spike.StartedAt);
        var mine = found.Where(h => h.Score >= (subscriber.MinScore ?? 0)).ToList();
        var title = topics.ShortName(spike.TopicId);
        var usually = spike.Mean.ToString("0.#", CultureInfo.InvariantCulture);
        return await courier.DeliverAsync(round, period, mine.Count > 0 ? mine : found, cancellationToken, content => content with
        {
            Subject = $"Breaking: {title} — {spike.Peak} new stories in an hour",
            Lead = $"{spike.Peak} new stories on {title} in an hour; usually {usually}. The stories so far:",
        }).ConfigureAwait(false);
    }
}
