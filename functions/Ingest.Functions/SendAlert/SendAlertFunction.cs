using Ingest.Core.Deliveries;
using Ingest.Functions.Queues;
using Microsoft.Azure.Functions.Worker;
using Ingest.Core.Model;

namespace Ingest.Functions.SendAlert;

/// <summary>Queue <c>alerts</c>: one poll's hits to the subscribers who want them as they happen.</summary>
public sealed class SendAlertFunction(AlertSender alerts, MailRetries retries, ILogger<SendAlertFunction> logger)
{
    [Function("SendAlert")]
    public async Task RunAsync([QueueTrigger("alerts")] string message, FunctionContext context, CancellationToken cancellationToken)
    {
        var batch = context.ReadMessage(message, AlertBatch.Parse);

        await retries.RunAsync(context, "alerts", message, async () =>
        {
            foreach (var line in await alerts.SendAsync(batch, cancellationToken))
            {
                logger.LogInformation("{Line}", line);
            }
        }, cancellationToken);
    }
}
