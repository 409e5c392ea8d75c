using System.Collections;
using System.Globalization;
using Azure;

namespace Ingest.Storage.Tables;

/// <summary>
/// A table row: partition key, row key, the service's timestamp and ETag, and typed properties
/// (string, bool, int, long, double, DateTimeOffset, Guid, byte[]).
/// </summary>
public sealed class TableEntity(string partitionKey, string rowKey) : IEnumerable<KeyValuePair<string, object?>>
{
    private readonly Dictionary<string, object?> _properties = new(StringComparer.Ordinal);

    public string PartitionKey { get; set; } = partitionKey;

    public string RowKey { get; set; } = rowKey;

    public DateTimeOffset? Timestamp { get; internal set; }

    public ETag ETag { get; set; }

    public object? this[string name]
    {
        get => _properties.GetValueOrDefault(name);
        set => _properties[name] = value is DateTime dateTime ? new DateTimeOffset(dateTime.ToUniversalTime()) : value;
    }

    public IReadOnlyDictionary<string, object?> Properties => _properties;

    public bool Remove(string name) => _properties.Remove(name);

    // Typed getters, each with its own switch: a generic one returns default(T), not null, for a missing value type.
    public string? GetString(string name) => this[name] switch
    {
        null => null,
        string value => value,
        var other => throw WrongType(name, other, "String"),
    };

    public bool? GetBoolean(string name) => this[name] switch
    {
        null => null,
        bool value => value,
        var other => throw WrongType(name, other, "Boolean"),
    };

    public int? GetInt32(string name) => this[name] switch
    {
        null => null,
        int i => i,
        long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
        var other => throw WrongType(name, other, "Int32"),
    };

    public long? GetInt64(string name) => this[name] switch
    {
        null => null,
        long l => l,
        int i => i,
        var other => throw WrongType(name, other, "Int64"),
    };

    public double? GetDouble(string name) => this[name] switch
    {
        null => null,
        double d => d,
        int i => i,
        long l => l,
        var other => throw WrongType(name, other, "Double"),
    };

    public DateTimeOffset? GetDateTimeOffset(string name) => this[name] switch
    {
        null => null,
        DateTimeOffset value => value,
        var other => throw WrongType(name, other, "DateTimeOffset"),
    };

    public Guid? GetGuid(string name) => this[name] switch
    {
        null => null,
        Guid value => value,
        var other => throw WrongType(name, other, "Guid"),
    };

    public byte[]? GetBinary(string name) => this[name] switch
    {
        null => null,
        byte[] value => value,
        var other => throw WrongType(name, other, "Binary"),
    };

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _properties.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private InvalidOperationException WrongType(string name, object value, string wanted) =>
        new(string.Format(CultureInfo.InvariantCulture, "Property '{0}' of entity ({1}, {2}) is {3}, not {4}.", name, PartitionKey, RowKey, value.GetType().Name, wanted));
}
