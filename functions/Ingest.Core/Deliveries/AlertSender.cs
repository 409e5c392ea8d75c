using System.Diagnostics;
using Ingest.Core.Mail;
using Ingest.Core.Model;
using Ingest.Core.Subscriptions;
using Ingest.Core.Telemetry;

namespace Ingest.Core.Deliveries;

/// <summary>
/// The <c>SendAlert</c> queue function's work: each active "immediate" subscriber gets the batch's hits they want
/// (<see cref="Subscriber.Wants"/>: their topics' at or above their floor, their watches') in one mail, at most once (<see cref="Mailer"/>, keyed by the batch's id).
/// </summary>
public sealed class AlertSender(ISubscriberStore subscribers, Mailer mailer, DigestWriter writer)
{
    public async Task<IReadOnlyList<string>> SendAsync(AlertBatch batch, CancellationToken cancellationToken)
    {
        // A span of the poll's trace when the batch carries it: one article's way from its feed to the mail is one trace.
        using var activity = IngestTelemetry.Source.StartActivity("send alert", ActivityKind.Consumer, batch.TraceParent);
        activity?.SetTag(IngestTelemetry.Tags.FeedId, batch.FeedId);
        var log = new List<string>();
        var immediate = (await subscribers.ListAsync(cancellationToken).ConfigureAwait(false))
            .Where(s => s is { Status: SubscriberStatus.Active, Frequency: Frequency.Immediate });
        TransientMailFailureException? failure = null;
        foreach (var subscriber in immediate)
        {
            var hits = batch.Hits.Where(subscriber.Wants()).ToList();
            if (hits.Count == 0)
            {
                continue;
            }

            var slot = await mailer.OpenAsync(subscriber.Id, batch.Id, cancellationToken).ConfigureAwait(false);
            if (slot.IsDone)
            {
                continue;
            }

            var period = new DigestPeriod(subscriber.Id, batch.Id, hits.Min(h => h.PublishedAt), batch.RequestedAt);
            var alert = (await writer.WriteAsync(subscriber, period, hits, cancellationToken).ConfigureAwait(false))!;
            // The others still get theirs; this one is retried with the message, unless the server refused it for good.
            var result = await mailer.SendAsync(slot, alert, hits.Count, cancellationToken).ConfigureAwait(false);
            log.AddRange(result.Line is { } line ? [line] : []);
            failure = TransientMailFailureException.Longest(failure, result.Retry);
        }

        return failure is null ? log : throw failure;
    }
}
