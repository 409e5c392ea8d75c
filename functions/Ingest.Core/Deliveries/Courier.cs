using Ingest.Core.Mail;
using Ingest.Core.Model;
using Ingest.Core.Pushes;

namespace Ingest.Core.Deliveries;

/// <summary>
/// Takes one subscriber's alert, digest or breaking news to everywhere it goes: their mail and each of their push
/// endpoints. Each is its own delivery in <c>Deliveries</c> (<see cref="PushEndpoint.RecipientOf"/>), claimed and
/// recorded by the <see cref="Mailer"/>, so a Slack channel that is away is tried again later without the mail going
/// twice, and a webhook that times out is posted again with the same delivery id.
/// </summary>
public sealed class Courier(Mailer mailer, DigestWriter writer, EndpointPoster poster)
{
    /// <summary>What was done before for this period at each of the subscriber's places.</summary>
    public async Task<Round> OpenAsync(Subscriber subscriber, string periodId, CancellationToken cancellationToken)
    {
        // One read per place, all at once: a subscriber with endpoints costs one round trip, as one without does.
        var endpoints = subscriber.Endpoints ?? [];
        var slots = await Task.WhenAll([
            mailer.OpenAsync(subscriber.Id, periodId, cancellationToken),
            .. endpoints.Select(e => mailer.OpenAsync(e.RecipientOf(subscriber.Id), periodId, cancellationToken))]).ConfigureAwait(false);
        return new Round(subscriber, [new Place(null, slots[0]), .. endpoints.Select((e, i) => new Place(e, slots[i + 1]))]);
    }

    /// <summary>
    /// Writes what the period's hits say and delivers it wherever it has not been delivered yet; nothing to say is
    /// recorded as such. A failure that may pass is handed back for the caller to have its message tried again.
    /// </summary>
    /// <param name="reword">Changes what is said before it is written (a breaking mail's subject and lead).</param>
    public async Task<MailResult> DeliverAsync(Round round, DigestPeriod period, IReadOnlyList<StoredHit> hits, CancellationToken cancellationToken, Func<DigestContent, DigestContent>? reword = null)
    {
        var open = round.Places.Where(s => !s.Slot.IsDone).ToList();
        if (writer.Compose(round.Subscriber, period, hits, reword) is not { } content)
        {
            foreach (var place in open)
            {
                await mailer.RecordEmptyAsync(place.Slot, cancellationToken).ConfigureAwait(false);
            }

            return new MailResult($"{round.Subscriber.Id} {period.Id}: nothing matched, nothing sent", null);
        }

        var lines = new List<string>();
        TransientDeliveryException? retry = null;
        foreach (var place in open)
        {
            var result = place.Endpoint is not { } endpoint
                ? await mailer.SendAsync(place.Slot, await writer.LayOutAsync(content, cancellationToken).ConfigureAwait(false), hits.Count, cancellationToken).ConfigureAwait(false)
                : await PushAsync(place.Slot, endpoint, content, hits.Count, cancellationToken).ConfigureAwait(false);
            lines.AddRange(result.Line is { } line ? [line] : []);
            retry = TransientDeliveryException.Longest(retry, result.Retry);
        }

        return new MailResult(lines.Count == 0 ? null : string.Join("; ", lines), retry);
    }

    private Task<MailResult> PushAsync(MailSlot slot, PushEndpoint endpoint, DigestContent content, int hitCount, CancellationToken cancellationToken)
    {
        var message = PushMessage.From(content, $"{endpoint.Id}.{slot.PeriodId}");
        return mailer.SendAsync(slot, content.Subject, message.DeliveryId, hitCount, token => poster.PostAsync(endpoint, message, token), cancellationToken);
    }
}

/// <summary>One period's deliveries to one subscriber, as <see cref="Courier.OpenAsync"/> found them.</summary>
public sealed record Round(Subscriber Subscriber, IReadOnlyList<Place> Places)
{
    /// <summary>Every place has had it (or is having it): nothing to write.</summary>
    public bool IsDone => Places.All(s => s.Slot.IsDone);

    public string DoneLine => string.Join("; ", Places.Select(s => s.Slot.DoneLine));
}

/// <summary>One place a delivery goes: the subscriber's mail (no endpoint) or one of their push endpoints.</summary>
public sealed record Place(PushEndpoint? Endpoint, MailSlot Slot);
