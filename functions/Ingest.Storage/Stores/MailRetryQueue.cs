using Ingest.Core.Mail;
using Ingest.Storage.Accounts;

namespace Ingest.Storage.Stores;

/// <summary>
/// Puts a mail queue's message back with a visibility delay (a later try that does not spend the message's dequeue
/// count), or into its poison queue, named as the Functions host names it.
/// </summary>
public sealed class MailRetryQueue(StorageAccount account) : IMailRetryQueue
{
    public async Task RetryLaterAsync(string queue, string message, TimeSpan delay, CancellationToken cancellationToken) =>
        await account.GetQueueClient(queue).SendMessageAsync(message, visibilityTimeout: delay, cancellationToken: cancellationToken).ConfigureAwait(false);

    public async Task PoisonAsync(string queue, string message, CancellationToken cancellationToken)
    {
        var poison = account.GetQueueClient(StorageLayout.PoisonQueue(queue));
        await poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await poison.SendMessageAsync(message, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
