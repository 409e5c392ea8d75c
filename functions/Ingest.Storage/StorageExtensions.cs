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

    /// <summary>
    /// Inserts one partition's entities (at most <see cref="MaxTransactionActions"/>) in one transaction, and returns
    /// the row keys that were stored already. A row that exists fails the whole transaction, naming it: it is left out
    /// and the rest sent again, so each try either succeeds or finds one more stored row. An answer that names no row
    /// has the rows read; if none is there, the refusal is not this method's to explain.
    /// </summary>
    public static async Task<List<string>> InsertNewAsync(this TableClient table, IReadOnlyList<TableEntity> batch, CancellationToken cancellationToken)
    {
        var left = batch.ToList();
        var existing = new List<string>();
        while (left.Count > 0)
        {
            try
            {
                await table.SubmitTransactionAsync(left.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)), cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (TableTransactionFailedException ex) when (ex.ErrorCode == TableErrorCode.EntityAlreadyExists)
            {
                if (ex.FailedTransactionActionIndex is { } index && index < left.Count)
                {
                    existing.Add(left[index].RowKey);
                    left.RemoveAt(index);
                    continue;
                }

                var found = new HashSet<string>(StringComparer.Ordinal);
                await Parallel.ForEachAsync(left, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (entity, ct) =>
                {
                    if (await table.FindAsync(entity.PartitionKey, entity.RowKey, ["RowKey"], ct).ConfigureAwait(false) is not null)
                    {
                        lock (found)
                        {
                            found.Add(entity.RowKey);
                        }
                    }
                }).ConfigureAwait(false);
                if (found.Count == 0)
                {
                    throw;
                }

                existing.AddRange(found);
                left.RemoveAll(e => found.Contains(e.RowKey));
            }
        }

        return existing;
    }

    /// <summary>True for the failures of a conditional write that another writer won: the row exists, or changed since it was read.</summary>
    internal static bool IsLostRace(this RequestFailedException ex) =>
        ex.ErrorCode == TableErrorCode.EntityAlreadyExists || ex.ErrorCode == TableErrorCode.UpdateConditionNotSatisfied || ex.Status is 409 or 412;
}
