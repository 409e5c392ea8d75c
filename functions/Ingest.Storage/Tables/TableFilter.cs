using System.Globalization;

namespace Ingest.Storage.Tables;

/// <summary>Builds OData filters with every interpolated value quoted and escaped, so keys from the internet cannot change a query.</summary>
public static class TableFilter
{
    /// <example><c>TableFilter.Create($"PartitionKey eq {topic} and RowKey lt {cursor}")</c></example>
    public static string Create(FormattableString filter)
    {
        var args = filter.GetArguments().Select(Literal).ToArray<object?>();
        return string.Format(CultureInfo.InvariantCulture, filter.Format, args);
    }

    public static string Literal(object? value) => value switch
    {
        null => "null",
        string s => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        double d => d.ToString("R", CultureInfo.InvariantCulture) + (d % 1 == 0 ? ".0" : ""),
        DateTimeOffset dto => "datetime'" + dto.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture) + "'",
        DateTime dt => Literal(new DateTimeOffset(dt.ToUniversalTime())),
        Guid g => "guid'" + g.ToString("D") + "'",
        byte[] bytes => "X'" + Convert.ToHexStringLower(bytes) + "'",
        _ => throw new ArgumentException($"A {value.GetType().Name} cannot be used in a table filter."),
    };

    /// <summary>Quotes a key for use inside an entity address such as <c>Table(PartitionKey='…',RowKey='…')</c>.</summary>
    internal static string KeyInPath(string key) =>
        "'" + Uri.EscapeDataString(key.Replace("'", "''", StringComparison.Ordinal)) + "'";
}
