using Ingest.Core.Mail;

namespace Ingest.Core.Digests;

/// <summary>
/// One mail to one subscriber under a delivery claim, as alerts and breaking news send it: claim the delivery (another
/// invocation holding it means nothing to do), send, record it sent or failed. A failure the server may get over is
/// handed back, so the caller sends to the others first and then fails the invocation for a retry.
/// </summary>
public static class ClaimedSend
{
    /// <returns>The log line (null when another invocation has the delivery), and a failure worth retrying.</returns>
    public static async Task<(string? Line, MailDeliveryException? Retry)> SendAsync(
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
            await deliveries.SaveAsync(claim with { Status = DeliveryStatus.Failed, UpdatedAt = timeProvider.GetUtcNow(), Error = ex.Message }, cancellationToken).ConfigureAwait(false);
            return ex.Permanent
                ? ($"{claim.SubscriberId} {claim.PeriodId}: refused for good, not retried ({ex.Message})", null)
                : (null, ex);
        }
    }
}
