using System.Text.Json;
using Ingest.Core.Model;

namespace Ingest.Storage.Stores;

/// <summary>
/// The one codec of Ingest's queues: a message is one record (<see cref="IQueueMessage"/>) as JSON, written by
/// <see cref="JsonQueue{T}"/> and read as the Functions worker binds a queue trigger (property names in any case).
/// </summary>
public static class QueueJson
{
    private static readonly JsonSerializerOptions ReadOptions = new() { PropertyNameCaseInsensitive = true };

    public static string Write<T>(T message) where T : IQueueMessage => JsonSerializer.Serialize(message, message.GetType());

    /// <summary>Reads a message; text that is not a complete <typeparamref name="T"/> throws <see cref="FormatException"/> saying what its queue needs.</summary>
    public static T Read<T>(string message) where T : class, IQueueMessage
    {
        T? record;
        try
        {
            record = JsonSerializer.Deserialize<T>(message, ReadOptions);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"a {typeof(T).Name} message must be JSON: {ex.Message}", ex);
        }

        if (record is null)
        {
            throw new FormatException($"a {typeof(T).Name} message must not be null");
        }

        return record.Lacks() is { } lacks ? throw new FormatException(lacks) : record;
    }
}
