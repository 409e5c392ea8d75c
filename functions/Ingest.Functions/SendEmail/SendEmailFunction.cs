using Ingest.Core.Mail;
using Ingest.Storage.Stores;
using Microsoft.Azure.Functions.Worker;

namespace Ingest.Functions.SendEmail;

/// <summary>Queue <c>emails</c>: sends one mail; an SMTP failure fails the invocation so the host retries it.</summary>
public sealed class SendEmailFunction(IMailSender sender, ILogger<SendEmailFunction> logger)
{
    [Function("SendEmail")]
    public async Task RunAsync([QueueTrigger("emails")] string message, FunctionContext context, CancellationToken cancellationToken)
    {
        var outgoing = context.ReadMessage(message, EmailQueue.Read);

        try
        {
            await sender.SendAsync(outgoing, cancellationToken);
            logger.LogInformation("sent \"{Subject}\"", outgoing.Subject);
        }
        catch (MailDeliveryException ex) when (ex.Permanent)
        {
            // Sending again cannot help; a poisoned message would only turn /api/status unhealthy.
            logger.LogWarning("not sent, refused for good: {Error}", ex.Message);
        }
    }
}
