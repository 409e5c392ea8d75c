using Ingest.Core.Digests;
using Microsoft.Azure.Functions.Worker;

namespace Ingest.Functions.SendAlert;

/// <summary>Queue <c>alerts</c>: one poll's hits to the subscribers who want them as they happen.</summary>
public sealed class SendAlertFunction(AlertSender alerts, ILogger<SendAlertFunction> logger)
{
    [Function("SendAlert")]
    public async Task RunAsync([QueueTrigger("alerts")] string message, FunctionContext context, CancellationToken cancellationToken)
    {
        var batch = context.ReadMessage(message, AlertBatch.Parse);

        foreach (var line in await alerts.SendAsync(batch, cancellationToken))
        {
            logger.LogInformation("{Line}", line);
        }
    }
}
