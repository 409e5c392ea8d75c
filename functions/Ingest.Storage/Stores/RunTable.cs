using Azure.Data.Tables;

namespace Ingest.Storage.Stores;

/// <summary>
/// The <c>Runs</c> table (partition <c>timer</c>, row key the function name): when each timer function last
/// ran and what it did, so the monitoring endpoint can tell a stopped schedule from a quiet one.
/// </summary>
public sealed class RunTable(TableClient table)
{
    private const string Partition = "timer";

    public async Task RecordAsync(string function, DateTimeOffset at, string summary, CancellationToken cancellationToken)
    {
        await table.UpsertEntityAsync(new TableEntity(Partition, function) { ["lastRunAt"] = at, ["summary"] = FeedTable.Clip(summary, 1000) }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<string, TimerRun>> ListAsync(CancellationToken cancellationToken)
    {
        var runs = new Dictionary<string, TimerRun>(StringComparer.Ordinal);
        try
        {
            await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                runs[row.RowKey] = new TimerRun(row.GetDateTimeOffset("lastRunAt") ?? default, row.GetString("summary") ?? "");
            }
        }
        catch (Azure.RequestFailedException ex) when (ex.ErrorCode == Azure.Data.Tables.Models.TableErrorCode.TableNotFound)
        {
            // No timer has run yet.
        }

        return runs;
    }
}

public sealed record TimerRun(DateTimeOffset At, string Summary);
