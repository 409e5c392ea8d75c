using Ingest.Core.Mail;
using Ingest.Functions.Queues;
using Ingest.Storage.Stores;
using Microsoft.Azure.Functions.Worker;
using Ingest.Core.Deliveries;

namespace Ingest.Functions.SendEmail;

/// <summary>
/// Queue <c>emails</c>: sends one queued mail at most once (<see cref="OutboxSender"/>); a mail the server did not
/// take is tried again later (<see cref="MailRetries"/>).
/// </summary>
public sealed class SendEmailFunction(OutboxSender sender, MailRetries retries, ILogger<SendEmailFunction> logger)
{
    [Function("SendEmail")]
    public async Task RunAsync([QueueTrigger("emails")] string message, FunctionContext context, CancellationToken cancellationToken)
    {
        var outgoing = context.ReadMessage(message, EmailQueue.Read);

        await retries.RunAsync(context, "emails", message, async () =>
            logger.LogInformation("{Outcome} (try {DequeueCount})", await sender.SendAsync(outgoing, cancellationToken), context.DequeueCount()), cancellationToken);
    }
}
