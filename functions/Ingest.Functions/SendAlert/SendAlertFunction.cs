using Ingest.Core.Digests;
using Ingest.Functions.Invocations;
using Ingest.Storage.Stores;

namespace Ingest.Functions.SendAlert;

/// <summary>Queue <c>alerts</c>: one poll's hits to the subscribers who want them as they happen.</summary>
public static class SendAlertFunction
{
    public static async Task RunAsync(QueueTrigger message, InvocationLog log, Ingest.Core.Digests.AlertSender alerts, CancellationToken cancellationToken)
    {
        AlertBatch batch;
        try
        {
            batch = AlertBatch.Parse(message.MessageText);
        }
        catch (FormatException ex)
        {
            throw new InvocationFormatException($"SendAlert: unreadable message {message.MessageId}: {ex.Message}");
        }

        foreach (var line in await alerts.SendAsync(batch, cancellationToken))
        {
            log.Add(line);
        }
    }
}
