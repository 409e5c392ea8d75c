namespace Ingest.Core.Model;

/// <summary>A queue Ingest writes to (<see cref="QueueNames"/>): one record a message.</summary>
public interface IQueue<in T> where T : IQueueMessage
{
    /// <param name="delay">How long the message stays invisible: work put back for later. Null shows it at once.</param>
    Task EnqueueAsync(T message, CancellationToken cancellationToken, TimeSpan? delay = null);
}
