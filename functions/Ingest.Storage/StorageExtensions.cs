using Azure;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace Ingest.Storage;

/// <summary>The few shapes the stores use over and over, on the SDK's clients.</summary>
public static class StorageExtensions
{
    /// <summary>A table transaction holds at most this many actions, all in one partition.</summary>
    public const int MaxTransactionActions = 100;

    /// <summary>The entity, or null when there is none.</summary>
    public static async Task<TableEntity?> FindAsync(this TableClient table, string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, select, cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>The queue's approximate length; 0 for a queue that does not exist yet.</summary>
    public static async Task<int> ApproximateCountAsync(this QueueClient queue, CancellationToken cancellationToken = default)
    {
        try
        {
            return (await queue.GetPropertiesAsync(cancellationToken).ConfigureAwait(false)).Value.ApproximateMessagesCount;
        }
        catch (RequestFailedException ex) when (ex.ErrorCode == QueueErrorCode.QueueNotFound)
        {
            return 0;
        }
    }

    /// <summary>
    /// Writes <paramref name="entity"/> only if its row is as it was read: absent when <paramref name="version"/> is null
    /// (insert), else unchanged since (replace with If-Match). False when another writer got there first.
    /// </summary>
    public static async Task<bool> TryWriteAsync(this TableClient table, TableEntity entity, string? version, CancellationToken cancellationToken)
    {
        try
        {
            if (version is null)
            {
                await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await table.UpdateEntityAsync(entity, new ETag(version), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
        catch (RequestFailedException ex) when (ex.IsLostRace())
        {
            return false;
        }
    }

    /// <summary>True for the failures of a conditional write that another writer won: the row exists, or changed since it was read.</summary>
    internal static bool IsLostRace(this RequestFailedException ex) =>
        ex.ErrorCode == TableErrorCode.EntityAlreadyExists || ex.ErrorCode == TableErrorCode.UpdateConditionNotSatisfied || ex.Status is 409 or 412;
}
