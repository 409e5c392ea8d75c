using Ingest.Core.Subscriptions;
using Azure.Storage.Queues;
using Ingest.Core.Model;

namespace Ingest.Storage.Stores;

/// <summary>The <c>subscription-requests</c> queue: one JSON <see cref="Subscriber"/> (status pending) a message.</summary>
public sealed class SubscriptionRequestQueue(QueueClient queue) : ISubscriptionRequests
{
    public async Task EnqueueAsync(Subscriber request, CancellationToken cancellationToken) =>
        await queue.SendMessageAsync(QueueJson.Write(request with { ETag = null }), timeToLive: TimeSpan.FromDays(1), cancellationToken: cancellationToken).ConfigureAwait(false);

    /// <summary>Reads a message; text that is not one throws <see cref="FormatException"/>.</summary>
    public static Subscriber Read(string message) =>
        QueueJson.Read<Subscriber>(message, "subscription-requests", r => r is { Id.Length: > 0, Email.Length: > 0, Topics: not null, TimeZone: not null }, "an id, an address, topics and a time zone");
}
