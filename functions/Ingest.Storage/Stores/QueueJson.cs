using System.Text.Json;

namespace Ingest.Storage.Stores;

/// <summary>Queue messages that are one JSON record: written and read the same way by every queue that holds them.</summary>
public static class QueueJson
{
    public static string Write<T>(T record) => JsonSerializer.Serialize(record);

    /// <summary>Reads a message; text that is not a complete <typeparamref name="T"/> throws <see cref="FormatException"/> saying what <paramref name="queue"/> needs.</summary>
    public static T Read<T>(string message, string queue, Func<T, bool> complete, string needs) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(message) is { } record && complete(record)
                ? record
                : throw new FormatException($"a {queue} message needs {needs}");
        }
        catch (JsonException ex)
        {
            throw new FormatException($"a {queue} message must be JSON with {needs}: {ex.Message}", ex);
        }
    }
}
