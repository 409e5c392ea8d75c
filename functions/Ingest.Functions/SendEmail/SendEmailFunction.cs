using Ingest.Functions.Invocations;
using Ingest.Storage.Stores;

namespace Ingest.Functions.SendEmail;

/// <summary>Queue <c>emails</c>: sends one mail; an SMTP failure fails the invocation so the host retries it.</summary>
public static class SendEmailFunction
{
    public static async Task RunAsync(QueueTrigger message, InvocationLog log, Ingest.Core.Mail.IMailSender sender, CancellationToken cancellationToken)
    {
        Ingest.Core.Mail.OutgoingMail outgoing;
        try
        {
            outgoing = EmailQueue.Read(message.MessageText);
        }
        catch (FormatException ex)
        {
            throw new InvocationFormatException($"SendEmail: unreadable message {message.MessageId}: {ex.Message}");
        }

        try
        {
            await sender.SendAsync(outgoing, cancellationToken);
            log.Add($"sent \"{outgoing.Subject}\"");
        }
        catch (Ingest.Core.Mail.MailDeliveryException ex) when (ex.Permanent)
        {
            // Sending again cannot help; a poisoned message would only turn /api/status unhealthy.
            log.Add($"not sent, refused for good: {ex.Message}");
        }
    }
}
