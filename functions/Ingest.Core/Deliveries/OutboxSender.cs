using Ingest.Core.Mail;

namespace Ingest.Core.Deliveries;

/// <summary>
/// The <c>SendEmail</c> queue function's work: one queued mail (a confirmation) sent at most once (<see cref="Mailer"/>,
/// keyed in partition <see cref="Partition"/> by the mail's id), so a message delivered twice (the queue is
/// at-least-once) or handed to a second invocation while the first still sends mails nothing more.
/// </summary>
public sealed class OutboxSender(Mailer mailer)
{
    public const string Partition = "mail";

    public async Task<string> SendAsync(OutgoingMail message, CancellationToken cancellationToken)
    {
        // Queued before mails had ids: sent as they always were, under a fresh id.
        var slot = message.Id is { } id
            ? await mailer.OpenAsync(Partition, id, cancellationToken).ConfigureAwait(false)
            : new MailSlot(Partition, Guid.NewGuid().ToString("N"), null);
        var result = await mailer.SendAsync(slot, message, 0, cancellationToken).ConfigureAwait(false);
        return result.Retry is { } retry ? throw retry : result.Line!;
    }
}
