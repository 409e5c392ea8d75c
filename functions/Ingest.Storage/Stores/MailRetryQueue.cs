using Ingest.Core.Mail;
using Ingest.Core.Model;
using Ingest.Storage.Accounts;

namespace Ingest.Storage.Stores;

/// <summary>
/// Puts a mail queue's message back with a visibility delay (a later try that does not spend the message's dequeue
/// count), or into its poison queue, named as the Functions host names it.
/// </summary>
public sealed class MailRetryQueue(StorageAccount account) : IMailRetryQueue
{
    public async Task RetryLaterAsync<T>(string queue, T message, TimeSpan delay, CancellationToken cancellationToken) where T : IQueueMessage =>
        await account.GetQueueClient(queue).SendMessageAsync(QueueJson.Write(message), visibilityTimeout: delay, cancellationToken: cancellationToken).ConfigureAwait(false);

    public async Task PoisonAsync<T>(string queue, T message, CancellationToken cancellationToken) where T : IQueueMessage
    {
        var poison = account.GetQueueClient(QueueNames.Poison(queue));
        await poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await poison.SendMessageAsync(QueueJson.Write(message), cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
