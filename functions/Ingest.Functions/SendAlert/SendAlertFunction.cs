using Ingest.Core.Digests;
using Microsoft.Azure.Functions.Worker;

namespace Ingest.Functions.SendAlert;

/// <summary>Queue <c>alerts</c>: one poll's hits to the subscribers who want them as they happen.</summary>
public sealed class SendAlertFunction(AlertSender alerts, ILogger<SendAlertFunction> logger)
{
    [Function("SendAlert")]
    public async Task RunAsync([QueueTrigger("alerts")] string message, FunctionContext context, CancellationToken cancellationToken)
    {
        AlertBatch batch;
        try
        {
            batch = AlertBatch.Parse(message);
        }
        catch (FormatException ex)
        {
            throw new UnreadableMessageException("SendAlert", context.MessageId(), ex.Message);
        }

        foreach (var line in await alerts.SendAsync(batch, cancellationToken))
        {
            logger.LogInformation("{Line}", line);
        }
    }
}
