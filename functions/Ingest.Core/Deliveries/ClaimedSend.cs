using Ingest.Core.Mail;

namespace Ingest.Core.Deliveries;

/// <summary>
/// One mail under a delivery claim, as every kind of mail is sent: claim the delivery (another invocation holding it
/// means nothing to do), send, record it sent or failed (with how often and since when it failed, and no address in the
/// error). A failure the server may get over is handed back, so the caller sends to the others first and then has the
/// message tried again later.
/// </summary>
public static class ClaimedSend
{
    /// <returns>The log line (null when another invocation has the delivery), and a failure worth retrying.</returns>
    public static async Task<(string? Line, TransientMailFailure? Retry)> SendAsync(
        IDeliveryStore deliveries, IMailSender mail, TimeProvider timeProvider, Delivery claim, Delivery? previous, OutgoingMail message, CancellationToken cancellationToken)
    {
        if (!await deliveries.TryClaimAsync(claim, previous, cancellationToken).ConfigureAwait(false))
        {
            return (null, null);
        }

        try
        {
            await mail.SendAsync(message, cancellationToken).ConfigureAwait(false);
            await deliveries.SaveAsync(claim with { Status = DeliveryStatus.Sent, UpdatedAt = timeProvider.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
            return ($"{claim.SubscriberId} {claim.PeriodId}: sent \"{message.Subject}\"", null);
        }
        catch (MailDeliveryException ex)
        {
            var now = timeProvider.GetUtcNow();
            var error = MailAddresses.Redact(ex.Message);
            var failed = claim with
            {
                Status = DeliveryStatus.Failed,
                UpdatedAt = now,
                Error = error,
                Attempts = (previous?.Attempts ?? 0) + 1,
                FirstFailedAt = previous?.FirstFailedAt ?? now,
            };
            await deliveries.SaveAsync(failed, cancellationToken).ConfigureAwait(false);
            return ex.Permanent
                ? ($"{claim.SubscriberId} {claim.PeriodId}: refused for good, not retried ({error})", null)
                : (null, new TransientMailFailure(new MailDeliveryException(error, inner: ex), failed.Attempts, failed.FirstFailedAt!.Value));
        }
    }
}
