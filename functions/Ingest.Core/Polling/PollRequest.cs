using System.Text.Json.Serialization;
using Ingest.Core.Model;

namespace Ingest.Core.Polling;

/// <summary>
/// The <c>feed-polls</c> message: which feed to poll, and when the poll was asked for. A redelivered message
/// carries the same <see cref="RequestedAt"/>, which dates undated items, so a retry writes the same rows.
/// </summary>
public sealed record PollRequest(
    [property: JsonPropertyName("feedId")] string FeedId,
    [property: JsonPropertyName("requestedAt")] DateTimeOffset RequestedAt)
    : IQueueMessage
{
    public string? Lacks() => FeedId is { Length: > 0 } ? null : "a feed-polls message must name a feedId";
}
