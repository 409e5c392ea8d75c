using Ingest.Core.Model;

namespace Ingest.Core.Mail;

/// <summary>The mail queues, as a function sees its own message: put back to show again later, or set aside for an operator.</summary>
public interface IMailRetryQueue
{
    /// <summary>Queues <paramref name="message"/> again on <paramref name="queue"/>, invisible for <paramref name="delay"/>.</summary>
    Task RetryLaterAsync<T>(string queue, T message, TimeSpan delay, CancellationToken cancellationToken) where T : IQueueMessage;

    /// <summary>Moves <paramref name="message"/> to <paramref name="queue"/>'s poison queue.</summary>
    Task PoisonAsync<T>(string queue, T message, CancellationToken cancellationToken) where T : IQueueMessage;
}
