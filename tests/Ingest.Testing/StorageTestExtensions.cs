using Azure;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace Ingest.Testing;

/// <summary>What tests ask of tables and queues, in one call each.</summary>
public static class StorageTestExtensions
{
    /// <summary>Up to 32 visible messages, without hiding them or counting a dequeue; none for a queue not created yet.</summary>
    public static async Task<IReadOnlyList<PeekedMessage>> PeekAllAsync(this QueueClient queue)
    {
        try
        {
            return (await queue.PeekMessagesAsync(maxMessages: 32)).Value;
        }
        catch (RequestFailedException ex) when (ex.ErrorCode == QueueErrorCode.QueueNotFound)
        {
            return [];
        }
    }

    public static async Task<bool> ExistsAsync(this TableClient table)
    {
        try
        {
            await foreach (var _ in table.QueryAsync<TableEntity>(maxPerPage: 1, select: ["RowKey"]).AsPages(pageSizeHint: 1))
            {
                break;
            }

            return true;
        }
        catch (RequestFailedException ex) when (ex.ErrorCode == TableErrorCode.TableNotFound)
        {
            return false;
        }
    }
}
