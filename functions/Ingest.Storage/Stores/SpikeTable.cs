using Azure.Data.Tables;
using Ingest.Core.Stories;

namespace Ingest.Storage.Stores;

/// <summary>The <c>Spikes</c> table: partition the topic, row the inverted start time, so a topic's newest spike comes first.</summary>
public sealed class SpikeTable(TableClient table) : ISpikeStore
{
    public async Task<Spike?> GetOpenAsync(string topicId, CancellationToken cancellationToken)
    {
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {topicId}"), maxPerPage: 1, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var spike = ToSpike(row);
            return spike.IsOpen ? spike : null;
        }

        return null;
    }

    public Task<bool> TrySaveAsync(Spike spike, CancellationToken cancellationToken) => table.TryWriteAsync(ToEntity(spike), spike.ETag, cancellationToken);

    public async Task<IReadOnlyList<Spike>> ListAsync(IReadOnlyList<string> topicIds, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var spikes = new List<Spike>();
        try
        {
            foreach (var topic in topicIds)
            {
                var filter = TableClient.CreateQueryFilter($"PartitionKey eq {topic} and RowKey le {ArticleTable.InvertedTicks(since)}");
                await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
                {
                    spikes.Add(ToSpike(row));
                }
            }
        }
        catch (Azure.RequestFailedException ex) when (ex.ErrorCode == Azure.Data.Tables.Models.TableErrorCode.TableNotFound)
        {
            // Created by 'ingest storage init' or the first spike; until then there are none.
            return [];
        }

        return spikes.OrderByDescending(s => s.StartedAt).ToList();
    }

    private static Spike ToSpike(TableEntity row) => new(
        row.PartitionKey,
        row.GetDateTimeOffset("startedAt") ?? default,
        row.GetDateTimeOffset("endedAt"),
        row.GetInt32("peak") ?? 0,
        row.GetDouble("mean") ?? 0,
        row.GetDouble("threshold") ?? 0,
        (row.GetString("stories") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries),
        row.GetBoolean("notified") ?? false,
        row.ETag.ToString());

    private static TableEntity ToEntity(Spike spike) => new(spike.TopicId, ArticleTable.InvertedTicks(spike.StartedAt))
    {
        ["startedAt"] = spike.StartedAt,
        ["endedAt"] = spike.EndedAt,
        ["peak"] = spike.Peak,
        ["mean"] = spike.Mean,
        ["threshold"] = spike.Threshold,
        // A spike's stories, capped so the row stays far below Table Storage's property limit.
        ["stories"] = string.Join(' ', spike.StoryIds.Take(200)),
        ["notified"] = spike.Notified,
    };
}
