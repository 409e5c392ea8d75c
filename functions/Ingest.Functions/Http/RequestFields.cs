using System.Text;
using System.Text.Json;

namespace Ingest.Functions.Http;

/// <summary>
/// A request body's fields, from JSON or a urlencoded form, read whole within a size cap. Text must be UTF-8: a
/// field that is not (raw or once percent-decoded) is refused by name, never passed on with replacement characters
/// and never an unhandled failure.
/// </summary>
public sealed record RequestFields(IReadOnlyDictionary<string, string?>? Values, string? Field, string? Error)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The error, with the field it concerns (<c>body</c> when it concerns the whole).</summary>
    public IReadOnlyDictionary<string, string> Errors => Error is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [Field ?? "body"] = Error };

    public static async Task<RequestFields> ReadAsync(HttpRequest request, int maxBytes, IReadOnlySet<string> knownFields, CancellationToken cancellationToken)
    {
        var tooLarge = Refuse("body", $"larger than {maxBytes / 1024} KB");
        if (request.ContentLength > maxBytes)
        {
            return tooLarge;
        }

        var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
            {
                return tooLarge;
            }
        }

        return request.ContentType?.Split(';')[0].Trim().ToLowerInvariant() switch
        {
            "application/json" => FromJson(buffer.ToArray(), knownFields),
            "application/x-www-form-urlencoded" => FromForm(buffer.ToArray(), knownFields),
            _ => Refuse("body", "send application/json or application/x-www-form-urlencoded"),
        };
    }

    private static RequestFields Refuse(string field, string error) => new(null, field, error);

    /// <summary>A field's name only if it is one of ours: a name from outside is never repeated back.</summary>
    private static string Named(string name, IReadOnlySet<string> knownFields) => knownFields.Contains(name) ? name : "body";

    private static RequestFields FromJson(byte[] bytes, IReadOnlySet<string> knownFields)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Refuse("body", "must be a JSON object");
            }

            var values = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                string name;
                string? value;
                try
                {
                    name = property.Name;
                    value = JsonField(property.Value);
                }
                catch (InvalidOperationException)
                {
                    // System.Text.Json checks the structure on parse but the UTF-8 of strings only when they are read.
                    return Refuse(SafeName(property, knownFields), "is not valid UTF-8 text");
                }

                if (!values.TryAdd(name, value))
                {
                    // Which value would win is a guess.
                    return Refuse("body", knownFields.Contains(name) ? $"has the field '{name}' more than once" : "has a field more than once");
                }
            }

            return new(values, null, null);
        }
        catch (JsonException)
        {
            return Refuse("body", "is not valid JSON");
        }
    }

    private static string SafeName(JsonProperty property, IReadOnlySet<string> knownFields)
    {
        try
        {
            return Named(property.Name, knownFields);
        }
        catch (InvalidOperationException)
        {
            return "body";
        }
    }

    private static RequestFields FromForm(byte[] bytes, IReadOnlySet<string> knownFields)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var pair in Pairs(bytes))
        {
            if (pair.Length == 0)
            {
                continue;
            }

            var equals = Array.IndexOf(pair, (byte)'=');
            var rawName = equals < 0 ? pair : pair[..equals];
            var rawValue = equals < 0 ? [] : pair[(equals + 1)..];
            if (Decode(rawName) is not { } name)
            {
                return Refuse("body", "has a field name that is not valid UTF-8 or percent-encoding");
            }

            if (Decode(rawValue) is not { } value)
            {
                return Refuse(Named(name, knownFields), "is not valid UTF-8 or percent-encoding");
            }

            // Repeated names (checkboxes) are one comma-separated value, as the topics field is read.
            values[name] = values.TryGetValue(name, out var earlier) ? $"{earlier},{value}" : value;
        }

        return new(values, null, null);
    }

    private static IEnumerable<byte[]> Pairs(byte[] body)
    {
        var start = 0;
        for (var i = 0; i <= body.Length; i++)
        {
            if (i == body.Length || body[i] == '&')
            {
                yield return body[start..i];
                start = i + 1;
            }
        }
    }

    /// <summary>Percent-decoded and <c>+</c> read as a space, then read as strict UTF-8; null when either is broken.</summary>
    private static string? Decode(byte[] raw)
    {
        var decoded = new byte[raw.Length];
        var length = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            var b = raw[i];
            if (b == '%')
            {
                if (i + 2 >= raw.Length || HexValue(raw[i + 1]) is not { } high || HexValue(raw[i + 2]) is not { } low)
                {
                    return null;
                }

                decoded[length++] = (byte)(high * 16 + low);
                i += 2;
            }
            else
            {
                decoded[length++] = b == '+' ? (byte)' ' : b;
            }
        }

        try
        {
            return StrictUtf8.GetString(decoded, 0, length);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static int? HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => null,
    };

    /// <summary>Fields as text; a topic list may come as an array.</summary>
    private static string? JsonField(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        // One value per line: a list of topics reads as the form's commas do, and a list of watches (which may hold commas) stays apart.
        JsonValueKind.Array => string.Join('\n', value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText())),
        JsonValueKind.Null => null,
        _ => value.GetRawText(),
    };
}
