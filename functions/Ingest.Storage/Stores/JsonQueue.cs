using Azure.Storage.Queues;
using Ingest.Core.Model;

namespace Ingest.Storage.Stores;

/// <summary>
/// Every queue Ingest writes: one record a message, in <see cref="QueueJson"/>. Base64 on the wire, as the Functions
/// queue trigger reads it (the client's options, <see cref="StorageClientOptions"/>).
/// </summary>
/// <param name="timeToLive">How long an unread message lives; null keeps the service's default (seven days).</param>
public sealed class JsonQueue<T>(QueueClient queue, TimeSpan? timeToLive = null) : IQueue<T> where T : IQueueMessage
{
    public async Task EnqueueAsync(T message, CancellationToken cancellationToken, TimeSpan? delay = null) =>
        await queue.SendMessageAsync(QueueJson.Write(message), visibilityTimeout: delay, timeToLive: timeToLive, cancellationToken: cancellationToken).ConfigureAwait(false);
}
