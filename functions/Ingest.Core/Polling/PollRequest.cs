using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ingest.Core.Polling;

/// <summary>
/// The <c>feed-polls</c> message: which feed to poll, and when the poll was asked for. A redelivered message
/// carries the same <see cref="RequestedAt"/>, which dates undated items, so a retry writes the same rows.
/// </summary>
public sealed record PollRequest(
    [property: JsonPropertyName("feedId")] string FeedId,
    [property: JsonPropertyName("requestedAt")] DateTimeOffset RequestedAt)
{
    public string ToMessage() => JsonSerializer.Serialize(this);

    /// <summary>Reads a message; text that is not one throws <see cref="FormatException"/> (it will never succeed).</summary>
    public static PollRequest Parse(string message)
    {
        PollRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<PollRequest>(message);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"a feed-polls message must be {{\"feedId\",\"requestedAt\"}} JSON: {ex.Message}", ex);
        }

        return request is { FeedId.Length: > 0 }
            ? request
            : throw new FormatException("a feed-polls message must name a feedId");
    }
}
