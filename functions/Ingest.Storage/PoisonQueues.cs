using Azure.Storage.Queues.Models;
using Ingest.Core.Model;
using Ingest.Storage.Accounts;

namespace Ingest.Storage;

/// <summary>
/// What an operator does with <c>&lt;queue&gt;-poison</c> once the cause of the failures is fixed: look at the
/// messages, move them back to their queue for another five tries, or delete them.
/// </summary>
public sealed class PoisonQueues(StorageAccount account)
{
    /// <summary>The queues Ingest keeps, each with its poison queue's depth.</summary>
    public async Task<IReadOnlyList<(string Queue, int Messages, int Poison)>> DepthsAsync(CancellationToken cancellationToken)
    {
        var counts = new Stores.QueueDepths(account);
        var depths = new List<(string, int, int)>();
        foreach (var queue in QueueNames.All)
        {
            depths.Add((queue,
                await counts.CountAsync(queue, cancellationToken).ConfigureAwait(false),
                await counts.CountAsync(QueueNames.Poison(queue), cancellationToken).ConfigureAwait(false)));
        }

        return depths;
    }

    /// <summary>Up to 32 poisoned messages of <paramref name="queue"/>, oldest first, left where they are.</summary>
    public async Task<IReadOnlyList<PeekedMessage>> PeekAsync(string queue, CancellationToken cancellationToken)
    {
        var poison = account.GetQueueClient(QueueNames.Poison(Known(queue)));
        return await poison.ExistsAsync(cancellationToken).ConfigureAwait(false)
            ? (await poison.PeekMessagesAsync(maxMessages: 32, cancellationToken).ConfigureAwait(false)).Value
            : [];
    }

    /// <summary>Moves every poisoned message back to <paramref name="queue"/> (each is sent before it is deleted, so none is lost); returns how many.</summary>
    public async Task<int> RetryAsync(string queue, CancellationToken cancellationToken)
    {
        var target = account.GetQueueClient(Known(queue));
        var poison = account.GetQueueClient(QueueNames.Poison(queue));
        if (!await poison.ExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            return 0;
        }

        await target.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var moved = 0;
        while ((await poison.ReceiveMessagesAsync(maxMessages: 32, visibilityTimeout: TimeSpan.FromMinutes(1), cancellationToken).ConfigureAwait(false)).Value is { Length: > 0 } batch)
        {
            foreach (var message in batch)
            {
                await target.SendMessageAsync(message.MessageText, cancellationToken).ConfigureAwait(false);
                await poison.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
                moved++;
            }
        }

        return moved;
    }

    /// <summary>Deletes every poisoned message of <paramref name="queue"/>; returns how many there were.</summary>
    public async Task<int> PurgeAsync(string queue, CancellationToken cancellationToken)
    {
        var poison = account.GetQueueClient(QueueNames.Poison(Known(queue)));
        var count = await poison.ApproximateCountAsync(cancellationToken).ConfigureAwait(false);
        if (count > 0)
        {
            await poison.ClearMessagesAsync(cancellationToken).ConfigureAwait(false);
        }

        return count;
    }

    private static string Known(string queue) =>
        QueueNames.All.Contains(queue)
            ? queue
            : throw new ArgumentException($"'{queue}' is not one of Ingest's queues: {string.Join(", ", QueueNames.All)}");
}
