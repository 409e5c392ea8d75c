using System.Diagnostics;
using Ingest.Core.Mail;
using Ingest.Core.Model;
using Ingest.Core.Subscriptions;
using Ingest.Core.Telemetry;

namespace Ingest.Core.Deliveries;

/// <summary>
/// The <c>SendAlert</c> queue function's work: each active "immediate" subscriber gets the batch's hits they want
/// (<see cref="Subscriber.Wants"/>: their topics' at or above their floor, their watches') in one mail and one push to each of their endpoints, each at most once (<see cref="Courier"/>, keyed by the batch's id).
/// </summary>
public sealed class AlertSender(ISubscriberStore subscribers, Courier courier)
{
    public async Task<IReadOnlyList<string>> SendAsync(AlertBatch batch, CancellationToken cancellationToken)
    {
        // A span of the poll's trace when the batch carries it: one article's way from its feed to the mail is one trace.
        using var activity = IngestTelemetry.Source.StartActivity("send alert", ActivityKind.Consumer, batch.TraceParent);
        activity?.SetTag(IngestTelemetry.Tags.FeedId, batch.FeedId);
        var log = new List<string>();
        var immediate = (await subscribers.ListAsync(cancellationToken).ConfigureAwait(false))
            .Where(s => s is { Status: SubscriberStatus.Active, Frequency: Frequency.Immediate });
        TransientDeliveryException? failure = null;
        foreach (var subscriber in immediate)
        {
            var hits = batch.Hits.Where(subscriber.Wants()).ToList();
            if (hits.Count == 0)
            {
                continue;
            }

            var round = await courier.OpenAsync(subscriber, batch.Id, cancellationToken).ConfigureAwait(false);
            if (round.IsDone)
            {
                continue;
            }

            var period = new DigestPeriod(subscriber.Id, batch.Id, hits.Min(h => h.PublishedAt), batch.RequestedAt);
            // The others still get theirs; this one is retried with the message, unless it was refused for good.
            var result = await courier.DeliverAsync(round, period, hits, cancellationToken).ConfigureAwait(false);
            log.AddRange(result.Line is { } line ? [line] : []);
            failure = TransientDeliveryException.Longest(failure, result.Retry);
        }

        return failure is null ? log : throw failure;
    }
}
