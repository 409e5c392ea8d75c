using System.Text.Json;

namespace Ingest.Core.Pushes;

/// <summary>
/// Ingest's own JSON for a generic webhook: <c>id</c> (the same on every try), <c>type</c> (alert, digest or
/// breaking), <c>subject</c>, <c>lead</c>, <c>items</c> (each event's best report with its topic, what matched, snippet,
/// story and other reports), and <c>more</c>, how many events did not fit. Documented in <c>docs/api.md</c>.
/// </summary>
public static class WebhookPayload
{
    /// <summary>The most events one body carries; a receiver that wants every one reads the read API.</summary>
    public const int MaxItems = 100;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static byte[] Write(PushMessage message) => JsonSerializer.SerializeToUtf8Bytes(
        new
        {
            id = message.DeliveryId,
            type = message.Type,
            subject = message.Subject,
            lead = message.Lead,
            items = message.Items.Take(MaxItems),
            more = Math.Max(0, message.Items.Count - MaxItems),
        },
        Json);
}
