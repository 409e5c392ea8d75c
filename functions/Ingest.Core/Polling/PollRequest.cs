using System.Text.Json.Serialization;
using Ingest.Core.Model;

namespace Ingest.Core.Polling;

/// <summary>
/// The <c>feed-polls</c> message: which feed to poll, and when the poll was asked for. A redelivered message
/// carries the same <see cref="RequestedAt"/>, which dates undated items, so a retry writes the same rows.
/// <see cref="Validators"/> (absent in messages written before they were added) lets the fetch start at once.
/// </summary>
public sealed record PollRequest(
    [property: JsonPropertyName("feedId")] string FeedId,
    [property: JsonPropertyName("requestedAt")] DateTimeOffset RequestedAt,
    [property: JsonPropertyName("validators")] FeedValidators? Validators = null)
    : IQueueMessage
{
    public string? Lacks() =>
        FeedId is not { Length: > 0 } ? "a feed-polls message must name a feedId"
        : Validators is { } listed && !(Uri.TryCreate(listed.Url, UriKind.Absolute, out var url) && url.Scheme is "http" or "https") ? "a feed-polls message's validators must give the feed's http(s) url"
        : null;
}
