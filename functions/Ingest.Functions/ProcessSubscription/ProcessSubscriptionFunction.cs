using Ingest.Core.Subscriptions;
using Ingest.Storage.Stores;
using Microsoft.Azure.Functions.Worker;

namespace Ingest.Functions.ProcessSubscription;

/// <summary>Queue <c>subscription-requests</c>: stores a pending subscription and queues its confirmation mail, when one is due.</summary>
public sealed class ProcessSubscriptionFunction(SubscriptionService subscriptions, ILogger<ProcessSubscriptionFunction> logger)
{
    [Function("ProcessSubscription")]
    public async Task RunAsync([QueueTrigger("subscription-requests")] string message, FunctionContext context, CancellationToken cancellationToken)
    {
        var request = context.ReadMessage(message, SubscriptionRequestQueue.Read);

        // The subscriber id, not the address: invocation logs are read by operators, not mail admins.
        logger.LogInformation("{SubscriberId}: {Outcome}", request.Id, await subscriptions.SubscribeAsync(request, cancellationToken));
    }
}
