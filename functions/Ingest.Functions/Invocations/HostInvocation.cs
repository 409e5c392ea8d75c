using System.Globalization;
using System.Text.Json;

namespace Ingest.Functions.Invocations;

/// <summary>
/// One invocation as the Functions host posts it to <c>/{FunctionName}</c>: <c>{"Data":{…},"Metadata":{…}}</c>.
/// The host serialises strings and numbers a second time into JSON strings (<c>"abc"</c> arrives as
/// <c>"\"abc\""</c>, <c>5</c> as <c>"5"</c>); the accessors undo that, and also accept the single encoding
/// the documentation shows, so the app cannot tell the real host and <c>ingest host</c> apart.
/// </summary>
public sealed class HostInvocation
{
    private readonly JsonElement _data;
    private readonly JsonElement _metadata;

    private HostInvocation(string functionName, string? invocationId, JsonElement data, JsonElement metadata)
    {
        FunctionName = functionName;
        InvocationId = invocationId;
        _data = data;
        _metadata = metadata;
    }

    public string FunctionName { get; }

    public string? InvocationId { get; }

    public static async Task<HostInvocation> ReadAsync(string functionName, HttpRequest request, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException ex)
        {
            throw new InvocationFormatException($"{functionName}: the invocation body is not JSON ({ex.Message.Split('.')[0]})");
        }

        var root = document.RootElement.Clone();
        document.Dispose();
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvocationFormatException($"{functionName}: the invocation body must be an object with Data and Metadata");
        }

        return new HostInvocation(
            functionName,
            request.Headers["X-Azure-Functions-InvocationId"].FirstOrDefault(),
            root.TryGetProperty("Data", out var data) ? data : default,
            root.TryGetProperty("Metadata", out var metadata) ? metadata : default);
    }

    /// <summary>The text of an input binding (a queue message, for instance), decoded once more if the host encoded it twice.</summary>
    public string DataText(string binding) =>
        Get(_data, binding) is { } value ? Text(value) : throw new InvocationFormatException($"{FunctionName}: Data has no '{binding}' binding");

    /// <summary>An input binding that arrives as an object (a timer's TimerInfo).</summary>
    public JsonElement DataObject(string binding) =>
        Get(_data, binding) is { ValueKind: JsonValueKind.Object } value
            ? value
            : throw new InvocationFormatException($"{FunctionName}: Data.{binding} must be an object");

    public string? MetadataText(string key) => Get(_metadata, key) is { } value ? Text(value) : null;

    public long? MetadataNumber(string key) =>
        Get(_metadata, key) is { } value && long.TryParse(Text(value), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;

    public DateTimeOffset? MetadataDate(string key) =>
        Get(_metadata, key) is { } value && DateTimeOffset.TryParse(Text(value), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : null;

    /// <summary>Strings the host encoded twice ("\"abc\"") come back as abc; numbers and objects as their JSON text.</summary>
    internal static string Text(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return value.GetRawText();
        }

        var text = value.GetString()!;
        if (text.Length > 1 && text[0] == '"')
        {
            try
            {
                return JsonSerializer.Deserialize<string>(text) ?? text;
            }
            catch (JsonException)
            {
                // A message that merely starts with a quote was encoded once.
            }
        }

        return text;
    }

    private static JsonElement? Get(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
}

/// <summary>An invocation body the handler cannot read; answered with 400 so the host counts the try as failed.</summary>
public sealed class InvocationFormatException(string message) : Exception(message);
