using Azure;

namespace Ingest.Storage.Tables;

/// <summary>Packs the service's next-partition and next-row keys into one opaque continuation token.</summary>
internal static class TableContinuation
{
    private const char Separator = '\n';

    public static string? From(Response response)
    {
        if (!response.Headers.TryGetValue("x-ms-continuation-NextPartitionKey", out var partition) || string.IsNullOrEmpty(partition))
        {
            return null;
        }

        response.Headers.TryGetValue("x-ms-continuation-NextRowKey", out var row);
        return string.IsNullOrEmpty(row) ? partition : partition + Separator + row;
    }

    public static (string Partition, string? Row) Parse(string token)
    {
        var split = token.IndexOf(Separator);
        return split < 0 ? (token, null) : (token[..split], token[(split + 1)..]);
    }
}
