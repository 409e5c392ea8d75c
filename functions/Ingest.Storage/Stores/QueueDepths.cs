using Ingest.Core.Monitoring;
using Ingest.Storage.Accounts;

namespace Ingest.Storage.Stores;

/// <summary>Queue depths as the queue service estimates them; a queue not created yet holds nothing.</summary>
public sealed class QueueDepths(StorageAccount account) : IQueueDepths
{
    public Task<int> CountAsync(string queue, CancellationToken cancellationToken) =>
        account.GetQueueClient(queue).ApproximateCountAsync(cancellationToken);
}
