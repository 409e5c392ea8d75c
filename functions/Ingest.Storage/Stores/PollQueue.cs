using Ingest.Core.Polling;
using Azure.Storage.Queues;

namespace Ingest.Storage.Stores;

/// <summary>The <c>feed-polls</c> queue. Messages live a day: a feed's next lease queues it again anyway.</summary>
public sealed class PollQueue(QueueClient queue) : IPollQueue
{
    public async Task EnqueueAsync(PollRequest request, CancellationToken cancellationToken, TimeSpan? delay = null) =>
        await queue.SendMessageAsync(request.ToMessage(), visibilityTimeout: delay, timeToLive: TimeSpan.FromDays(1), cancellationToken: cancellationToken).ConfigureAwait(false);
}
