using System.Globalization;
using System.Text.Json;
using Azure;

namespace Ingest.Storage.Tables;

/// <summary>
/// The OData JSON form of entities with minimal metadata: types JSON cannot say by itself
/// (Int64, DateTime, Guid, Binary, and Double) travel as <c>Name@odata.type</c> annotations.
/// </summary>
internal static class TableEntityJson
{
    private const string TypeSuffix = "@odata.type";

    public static byte[] Serialize(TableEntity entity)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("PartitionKey", entity.PartitionKey);
            writer.WriteString("RowKey", entity.RowKey);
            foreach (var (name, value) in entity)
            {
                if (name is "PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")
                {
                    continue;
                }

                WriteProperty(writer, name, value);
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static TableEntity Deserialize(JsonElement element)
    {
        var entity = new TableEntity(
            element.TryGetProperty("PartitionKey", out var pk) ? pk.GetString() ?? "" : "",
            element.TryGetProperty("RowKey", out var rk) ? rk.GetString() ?? "" : "");

        foreach (var property in element.EnumerateObject())
        {
            var name = property.Name;
            if (name is "PartitionKey" or "RowKey" || name.EndsWith(TypeSuffix, StringComparison.Ordinal) || name.StartsWith("odata.", StringComparison.Ordinal))
            {
                if (name == "odata.etag")
                {
                    entity.ETag = new ETag(property.Value.GetString()!);
                }

                continue;
            }

            if (name == "Timestamp")
            {
                // The service never annotates its own timestamp.
                entity.Timestamp = (DateTimeOffset)ReadValue(property.Value, "Edm.DateTime")!;
                continue;
            }

            var type = element.TryGetProperty(name + TypeSuffix, out var annotation) ? annotation.GetString() : null;
            entity[name] = ReadValue(property.Value, type);
        }

        return entity;
    }

    private static void WriteProperty(Utf8JsonWriter writer, string name, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNull(name);
                break;
            case string s:
                writer.WriteString(name, s);
                break;
            case bool b:
                writer.WriteBoolean(name, b);
                break;
            case int i:
                writer.WriteNumber(name, i);
                break;
            case long l:
                writer.WriteString(name, l.ToString(CultureInfo.InvariantCulture));
                writer.WriteString(name + TypeSuffix, "Edm.Int64");
                break;
            case double d:
                // Whole doubles would otherwise come back as Int32.
                writer.WriteNumber(name, d);
                writer.WriteString(name + TypeSuffix, "Edm.Double");
                break;
            case DateTimeOffset dto:
                writer.WriteString(name, dto.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
                writer.WriteString(name + TypeSuffix, "Edm.DateTime");
                break;
            case Guid g:
                writer.WriteString(name, g.ToString("D"));
                writer.WriteString(name + TypeSuffix, "Edm.Guid");
                break;
            case byte[] bytes:
                writer.WriteString(name, Convert.ToBase64String(bytes));
                writer.WriteString(name + TypeSuffix, "Edm.Binary");
                break;
            default:
                throw new ArgumentException($"Property '{name}' has type {value.GetType().Name}, which tables cannot store.");
        }
    }

    private static object? ReadValue(JsonElement value, string? type) => type switch
    {
        "Edm.Int64" => long.Parse(value.GetString()!, CultureInfo.InvariantCulture),
        "Edm.Double" => value.ValueKind == JsonValueKind.String ? double.Parse(value.GetString()!, CultureInfo.InvariantCulture) : value.GetDouble(),
        "Edm.DateTime" => DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        "Edm.Guid" => Guid.Parse(value.GetString()!),
        "Edm.Binary" => Convert.FromBase64String(value.GetString()!),
        _ => value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => value.TryGetInt32(out var i) ? (object)i : value.GetDouble(),
            JsonValueKind.Null => null,
            _ => value.GetRawText(),
        },
    };
}
