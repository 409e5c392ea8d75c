using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Ingest.Core.Feeds;

/// <summary>
/// The JSON that <c>ingest feeds parse</c> prints, a stable contract other tools read:
/// dates as ISO 8601 UTC or null, every field present.
/// </summary>
public static class FeedContractJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(Feed feed)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            writer.WriteString("format", feed.Format.ToContractName());
            writer.WriteString("title", feed.Title);
            writer.WriteString("link", feed.Link);
            writer.WriteString("description", feed.Description);
            writer.WriteString("language", feed.Language);
            writer.WriteStartArray("items");
            foreach (var item in feed.Items)
            {
                writer.WriteStartObject();
                writer.WriteString("id", item.Id);
                writer.WriteString("title", item.Title);
                writer.WriteString("link", item.Link);
                writer.WriteString("published", Date(item.Published));
                writer.WriteString("updated", Date(item.Updated));
                writer.WriteString("summary", item.Summary);
                writer.WriteString("content", item.Content);
                Strings(writer, "authors", item.Authors);
                Strings(writer, "categories", item.Categories);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            Strings(writer, "warnings", feed.Warnings);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string? Date(DateTimeOffset? value) =>
        value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void Strings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
