using System.Text.Json;
using Ingest.Core.Mail;
using Azure.Storage.Queues;

namespace Ingest.Storage.Stores;

/// <summary>The <c>emails</c> queue: one JSON <see cref="OutgoingMail"/> a message.</summary>
public sealed class EmailQueue(QueueClient queue) : IMailOutbox
{
    public async Task EnqueueAsync(OutgoingMail mail, CancellationToken cancellationToken) =>
        await queue.SendMessageAsync(JsonSerializer.Serialize(mail), cancellationToken: cancellationToken).ConfigureAwait(false);

    /// <summary>Reads a message; text that is not one throws <see cref="FormatException"/>.</summary>
    public static OutgoingMail Read(string message)
    {
        try
        {
            return JsonSerializer.Deserialize<OutgoingMail>(message) is { To.Length: > 0 } mail ? mail : throw new FormatException("an emails message needs a recipient");
        }
        catch (JsonException ex)
        {
            throw new FormatException($"an emails message must be a JSON mail: {ex.Message}", ex);
        }
    }
}
