namespace Ingest.Core.Mail;

/// <summary>The mail queues, as a function sees its own message: put back to show again later, or set aside for an operator.</summary>
public interface IMailRetryQueue
{
    /// <summary>Queues <paramref name="message"/> again on <paramref name="queue"/>, invisible for <paramref name="delay"/>.</summary>
    Task RetryLaterAsync(string queue, string message, TimeSpan delay, CancellationToken cancellationToken);

    /// <summary>Moves <paramref name="message"/> to <paramref name="queue"/>'s poison queue.</summary>
    Task PoisonAsync(string queue, string message, CancellationToken cancellationToken);
}
