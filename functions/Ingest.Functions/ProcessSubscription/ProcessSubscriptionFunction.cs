using Ingest.Functions.Invocations;
using Ingest.Storage.Stores;

namespace Ingest.Functions.ProcessSubscription;

/// <summary>Queue <c>subscription-requests</c>: stores a pending subscription and queues its confirmation mail, when one is due.</summary>
public static class ProcessSubscriptionFunction
{
    public static async Task RunAsync(QueueTrigger message, InvocationLog log, Ingest.Core.Subscriptions.SubscriptionService subscriptions, CancellationToken cancellationToken)
    {
        Ingest.Core.Subscriptions.Subscriber request;
        try
        {
            request = SubscriptionRequestQueue.Read(message.MessageText);
        }
        catch (FormatException ex)
        {
            throw new InvocationFormatException($"ProcessSubscription: unreadable message {message.MessageId}: {ex.Message}");
        }

        // The subscriber id, not the address: invocation logs are read by operators, not mail admins.
        log.Add($"{request.Id}: {await subscriptions.SubscribeAsync(request, cancellationToken)}");
    }
}
