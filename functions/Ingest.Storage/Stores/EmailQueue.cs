using Ingest.Core.Mail;
using Azure.Storage.Queues;
using Ingest.Core.Deliveries;

namespace Ingest.Storage.Stores;

/// <summary>
/// The <c>emails</c> queue: one JSON <see cref="OutgoingMail"/> a message, each with an id of its own that its
/// delivery is claimed under (<see cref="OutboxSender"/>), so a message delivered twice is mailed once.
/// </summary>
public sealed class EmailQueue(QueueClient queue) : IMailOutbox
{
    public async Task EnqueueAsync(OutgoingMail mail, CancellationToken cancellationToken) =>
        await queue.SendMessageAsync(QueueJson.Write(mail with { Id = mail.Id ?? Guid.NewGuid().ToString("N") }), cancellationToken: cancellationToken).ConfigureAwait(false);

    /// <summary>Reads a message; text that is not one throws <see cref="FormatException"/>.</summary>
    public static OutgoingMail Read(string message) =>
        QueueJson.Read<OutgoingMail>(message, "emails", m => m.To is { Length: > 0 }, "a recipient");
}
