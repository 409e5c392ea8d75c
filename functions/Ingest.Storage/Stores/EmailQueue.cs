using Ingest.Core.Mail;
using Azure.Storage.Queues;

namespace Ingest.Storage.Stores;

/// <summary>The <c>emails</c> queue: one JSON <see cref="OutgoingMail"/> a message.</summary>
public sealed class EmailQueue(QueueClient queue) : IMailOutbox
{
    public async Task EnqueueAsync(OutgoingMail mail, CancellationToken cancellationToken) =>
        await queue.SendMessageAsync(QueueJson.Write(mail), cancellationToken: cancellationToken).ConfigureAwait(false);

    /// <summary>Reads a message; text that is not one throws <see cref="FormatException"/>.</summary>
    public static OutgoingMail Read(string message) =>
        QueueJson.Read<OutgoingMail>(message, "emails", m => m.To is { Length: > 0 }, "a recipient");
}
