using System.Collections.Concurrent;
using Azure.Data.Tables;
using Ingest.Core.Monitoring;

namespace Ingest.Storage.Stores;

/// <summary>
/// The <c>Runs</c> table (partition <c>timer</c>, row key the function name): when each timer function last ran and
/// what it did, and when it last failed and why, so the monitoring endpoint can tell a stopped schedule from a quiet
/// one and still shows an outage after it ended. Failures are noted in memory first: when storage itself was the
/// failure they cannot be written then, so the next run that succeeds writes them with its own record.
/// </summary>
public sealed class RunTable(TableClient table) : IRunLog
{
    private const string Partition = "timer";

    private readonly ConcurrentDictionary<string, TimerFailures> _unwritten = new(StringComparer.Ordinal);

    public async Task RecordAsync(string functionName, DateTimeOffset at, string summary, CancellationToken cancellationToken)
    {
        var row = new TableEntity(Partition, functionName) { ["lastRunAt"] = at, ["summary"] = FeedTable.Clip(summary, 1000) };
        var failures = _unwritten.TryRemove(functionName, out var noted) ? noted : null;
        if (failures is not null)
        {
            row["lastFailedAt"] = failures.Last;
            row["lastFailure"] = FeedTable.Clip(failures.Error, 1000);
            row["failedRuns"] = failures.Count;
        }

        // Merged, so the last failure stays visible after the runs that follow it succeed.
        await table.UpsertEntityAsync(row, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Notes that a run of <paramref name="functionName"/> failed; written now if storage takes it, else with the next run.</summary>
    public async Task NoteFailureAsync(string functionName, DateTimeOffset at, string reason, CancellationToken cancellationToken)
    {
        var failures = _unwritten.AddOrUpdate(functionName, _ => new TimerFailures(at, 1, reason), (_, f) => new TimerFailures(at, f.Count + 1, reason));
        try
        {
            await table.UpsertEntityAsync(
                new TableEntity(Partition, functionName) { ["lastFailedAt"] = failures.Last, ["lastFailure"] = FeedTable.Clip(reason, 1000), ["failedRuns"] = failures.Count },
                TableUpdateMode.Merge,
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (StorageFailure.Is(ex))
        {
            // Kept in memory for the next run that succeeds.
        }
    }

    public async Task<IReadOnlyDictionary<string, TimerRun>> ListAsync(CancellationToken cancellationToken)
    {
        var runs = new Dictionary<string, TimerRun>(StringComparer.Ordinal);
        try
        {
            await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                runs[row.RowKey] = new TimerRun(row.GetDateTimeOffset("lastRunAt") ?? default, row.GetString("summary") ?? "",
                    row.GetDateTimeOffset("lastFailedAt"), row.GetString("lastFailure"), row.GetInt32("failedRuns") ?? 0);
            }
        }
        catch (Azure.RequestFailedException ex) when (ex.ErrorCode == Azure.Data.Tables.Models.TableErrorCode.TableNotFound)
        {
            // No timer has run yet.
        }

        return runs;
    }

    private sealed record TimerFailures(DateTimeOffset Last, int Count, string Error);
}
