using Ingest.Core.Mail;
using Ingest.Core.Deliveries;

namespace Ingest.Core.Deliveries;

/// <summary>
/// The <c>SendEmail</c> queue function's work: one queued mail (a confirmation) sent at most once. Its id is claimed
/// in <c>Deliveries</c> (partition <see cref="Partition"/>) before SMTP, as digests are, so a message delivered twice
/// (the queue is at-least-once) or handed to a second invocation while the first still sends mails nothing more.
/// </summary>
public sealed class OutboxSender(IDeliveryStore deliveries, IMailSender mail, TimeProvider timeProvider)
{
    public const string Partition = "mail";

    public async Task<string> SendAsync(OutgoingMail message, CancellationToken cancellationToken)
    {
        // Queued before mails had ids: sent as they always were.
        var id = message.Id ?? Guid.NewGuid().ToString("N");
        var previous = message.Id is null ? null : await deliveries.GetAsync(Partition, id, cancellationToken).ConfigureAwait(false);
        if (previous is { Status: not DeliveryStatus.Failed })
        {
            return $"{Partition} {id}: already {previous.Status.ToString().ToLowerInvariant()} at {previous.UpdatedAt:u}; not sent again";
        }

        var claim = new Delivery(Partition, id, DeliveryStatus.Sending, timeProvider.GetUtcNow(), 0, message.MessageId);
        var (line, retry) = await ClaimedSend.SendAsync(deliveries, mail, timeProvider, claim, previous, message, cancellationToken).ConfigureAwait(false);
        return retry is not null ? throw retry : line ?? $"{Partition} {id}: being sent by another invocation; not sent again";
    }
}
