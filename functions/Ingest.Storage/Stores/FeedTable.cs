using Azure.Data.Tables;
using Ingest.Core.Model;
using Ingest.Core.Polling;

namespace Ingest.Storage.Stores;

/// <summary>The <c>Feeds</c> table (partition <c>feed</c>, row key the feed id). Absent values are stored as empty strings, because a merge cannot remove a property.</summary>
public sealed class FeedTable(TableClient table) : IFeedStore
{
    private const string Partition = "feed";

    private readonly UnchangedPolls _unchanged = new(table, Unchanged);

    /// <summary>The columns of <see cref="FeedRecord.Schedule"/> (the row's version comes with every row).</summary>
    private static readonly string[] ScheduleColumns = ["RowKey", "url", "enabled", "etag", "lastModified", "nextPollAt"];

    /// <summary>Every column but <c>itemKeys</c>; a listing asks for each by name, as Table Storage has no "all but".</summary>
    private static readonly string[] ListedColumns =
    [
        .. ScheduleColumns, "title", "language", "fullText", "lastPolledAt", "lastStatus", "consecutiveFailures", "lastError",
        "articleCount", "lastNewArticleAt", "arrivals", "verifiedAt", "texts",
    ];

    public Task<IReadOnlyList<FeedRecord>> ListAsync(CancellationToken cancellationToken) => ListAsync(ListedColumns, cancellationToken);

    public Task<IReadOnlyList<FeedRecord>> ListSchedulesAsync(CancellationToken cancellationToken) => ListAsync(ScheduleColumns, cancellationToken);

    private async Task<IReadOnlyList<FeedRecord>> ListAsync(IEnumerable<string> columns, CancellationToken cancellationToken)
    {
        var feeds = new List<FeedRecord>();
        await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), select: columns, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            feeds.Add(ToRecord(entity));
        }

        return feeds;
    }

    public async Task<FeedRecord?> GetAsync(string feedId, CancellationToken cancellationToken) =>
        await table.FindAsync(Partition, feedId, cancellationToken: cancellationToken).ConfigureAwait(false) is { } entity ? ToRecord(entity) : null;

    public Task<bool> AddIfMissingAsync(FeedRecord feed, CancellationToken cancellationToken) =>
        table.TryWriteAsync(NewRow(feed), version: null, cancellationToken);

    /// <summary>
    /// Every feed is in one partition: the feeds go as transactions of up to 100 inserts, a feed stored already left
    /// out (<see cref="StorageExtensions.InsertNewAsync"/>). Two importers at once (two instances starting) each add
    /// what the other has not.
    /// </summary>
    public async Task<IReadOnlyList<string>> AddMissingAsync(IReadOnlyList<FeedRecord> feeds, CancellationToken cancellationToken)
    {
        var added = new List<string>();
        foreach (var chunk in feeds.DistinctBy(f => f.Id, StringComparer.Ordinal).Chunk(StorageExtensions.MaxTransactionActions))
        {
            var existing = await table.InsertNewAsync([.. chunk.Select(NewRow)], cancellationToken).ConfigureAwait(false);
            added.AddRange(chunk.Select(feed => feed.Id).Except(existing, StringComparer.Ordinal));
        }

        return added;
    }

    private static TableEntity NewRow(FeedRecord feed)
    {
        var entity = Catalog(feed);
        entity["url"] = feed.Url;
        entity["enabled"] = feed.Enabled;
        return entity;
    }

    public async Task SaveCatalogAsync(FeedRecord feed, CancellationToken cancellationToken) =>
        await table.UpsertEntityAsync(Catalog(feed), TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);

    public async Task SetEnabledAsync(string feedId, bool enabled, string status, CancellationToken cancellationToken) =>
        await table.UpsertEntityAsync(new TableEntity(Partition, feedId) { ["enabled"] = enabled, ["lastStatus"] = status }, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Every feed is in one partition: the leases go as transactions of up to 100 conditional merges, a few at once.
    /// A transaction is all or nothing, so when one meets a changed row (most often another dispatcher leased the same
    /// feeds a moment earlier) the chunk's rows are read again in one query and the leases still over their rows go
    /// again; after a second loss, lease by lease. Only feeds whose rows had not changed are leased.
    /// </summary>
    public async Task<IReadOnlyList<string>> LeaseAsync(IReadOnlyList<FeedLease> leases, CancellationToken cancellationToken)
    {
        var leased = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(leases.Chunk(StorageExtensions.MaxTransactionActions), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (chunk, ct) =>
        {
            foreach (var feedId in await LeaseChunkAsync(chunk, ct).ConfigureAwait(false))
            {
                leased.Add(feedId);
            }
        }).ConfigureAwait(false);
        return [.. leased];
    }

    private async Task<IReadOnlyList<string>> LeaseChunkAsync(FeedLease[] chunk, CancellationToken cancellationToken)
    {
        if (await TryLeaseAllAsync(chunk, cancellationToken).ConfigureAwait(false))
        {
            return [.. chunk.Select(lease => lease.FeedId)];
        }

        var current = new Dictionary<string, string>(StringComparer.Ordinal);
        var ids = chunk.Select(lease => lease.FeedId).Order(StringComparer.Ordinal).ToList();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {ids[0]} and RowKey le {ids[^1]}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            current[row.RowKey] = row.ETag.ToString();
        }

        var unchanged = chunk.Where(lease => lease.RowVersion is null || (current.TryGetValue(lease.FeedId, out var version) && lease.RowVersion == version)).ToList();
        if (unchanged.Count < chunk.Length && (unchanged.Count == 0 || await TryLeaseAllAsync(unchanged, cancellationToken).ConfigureAwait(false)))
        {
            return [.. unchanged.Select(lease => lease.FeedId)];
        }

        var leased = new List<string>();
        foreach (var lease in unchanged.Count < chunk.Length ? unchanged : [.. chunk])
        {
            if (await LeaseOneAsync(lease, cancellationToken).ConfigureAwait(false))
            {
                leased.Add(lease.FeedId);
            }
        }

        return leased;
    }

    /// <summary>Writes every lease in one transaction, or none of them (false) when a row changed or is gone.</summary>
    private async Task<bool> TryLeaseAllAsync(IReadOnlyList<FeedLease> leases, CancellationToken cancellationToken)
    {
        try
        {
            await table.SubmitTransactionAsync(leases.Select(lease => lease.RowVersion is { } version
                ? new TableTransactionAction(TableTransactionActionType.UpdateMerge, Lease(lease), new Azure.ETag(version))
                : new TableTransactionAction(TableTransactionActionType.UpsertMerge, Lease(lease))), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 404 or 409 or 412)
        {
            return false;
        }
    }

    private async Task<bool> LeaseOneAsync(FeedLease lease, CancellationToken cancellationToken)
    {
        try
        {
            if (lease.RowVersion is { } version)
            {
                await table.UpdateEntityAsync(Lease(lease), new Azure.ETag(version), TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await table.UpsertEntityAsync(Lease(lease), TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
        catch (Azure.RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return false;
        }
    }

    private static TableEntity Lease(FeedLease lease) => new(Partition, lease.FeedId) { ["nextPollAt"] = lease.Until };

    /// <summary>A merge over the row whatever its version (the poll did not read it), with the polls that end at the same moment.</summary>
    public Task<bool> SaveUnchangedAsync(UnchangedPoll poll, CancellationToken cancellationToken) => _unchanged.SaveAsync(poll, cancellationToken);

    private static TableEntity Unchanged(UnchangedPoll poll)
    {
        var entity = new TableEntity(Partition, poll.FeedId)
        {
            ["lastPolledAt"] = poll.PolledAt,
            ["nextPollAt"] = poll.NextPollAt,
            ["lastStatus"] = PollStatus.NotModified,
            ["consecutiveFailures"] = 0,
            ["lastError"] = "",
        };
        if (poll.MovedTo is { } url)
        {
            entity["url"] = url;
        }

        return entity;
    }

    public async Task SavePollStateAsync(FeedRecord feed, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(Partition, feed.Id)
        {
            ["url"] = feed.Url,
            ["enabled"] = feed.Enabled,
            ["etag"] = feed.ETag ?? "",
            ["lastModified"] = feed.LastModified?.ToString("O") ?? "",
            ["lastPolledAt"] = feed.LastPolledAt,
            ["nextPollAt"] = feed.NextPollAt ?? DateTimeOffset.MaxValue,
            ["lastStatus"] = feed.LastStatus ?? "",
            ["consecutiveFailures"] = feed.ConsecutiveFailures,
            ["lastError"] = Clip(feed.LastError ?? "", 1000),
            ["articleCount"] = feed.ArticleCount,
            ["itemKeys"] = string.Join(' ', feed.ItemKeys ?? []),
            ["arrivals"] = feed.Arrivals?.ToString() ?? "",
            ["texts"] = feed.Texts?.ToString() ?? "",
        };
        if (feed.LastNewArticleAt is { } lastNew)
        {
            entity["lastNewArticleAt"] = lastNew;
        }

        if (feed.VerifiedAt is { } verified)
        {
            entity["verifiedAt"] = verified;
        }

        if (!string.IsNullOrEmpty(feed.Title))
        {
            entity["title"] = Clip(feed.Title, 500);
        }

        await table.UpsertEntityAsync(entity, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The fields the catalogue owns. Not the address: a stored feed may have moved for good.</summary>
    private static TableEntity Catalog(FeedRecord feed) => new(Partition, feed.Id)
    {
        ["title"] = feed.Title ?? "",
        ["language"] = feed.Language ?? "",
        ["fullText"] = feed.FullText.ToString().ToLowerInvariant(),
    };

    private static FeedRecord ToRecord(TableEntity e)
    {
        var nextPollAt = e.GetDateTimeOffset("nextPollAt");
        return new FeedRecord(
            e.RowKey,
            e.GetString("url") ?? "",
            Empty(e.GetString("title")),
            Empty(e.GetString("language")),
            FullText(e),
            e.GetBoolean("enabled") ?? true,
            Empty(e.GetString("etag")),
            DateTimeOffset.TryParse(e.GetString("lastModified"), out var lastModified) ? lastModified : null,
            e.GetDateTimeOffset("lastPolledAt"),
            nextPollAt == DateTimeOffset.MaxValue ? null : nextPollAt,
            Empty(e.GetString("lastStatus")),
            e.GetInt32("consecutiveFailures") ?? 0,
            Empty(e.GetString("lastError")),
            e.GetInt32("articleCount") ?? 0,
            Empty(e.GetString("itemKeys"))?.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            e.GetDateTimeOffset("lastNewArticleAt"),
            Empty(e.GetString("arrivals")) is { } arrivals ? ArrivalLog.Parse(arrivals) : null,
            e.GetDateTimeOffset("verifiedAt"),
            Empty(e.GetString("texts")) is { } texts ? TextLog.Parse(texts) : null,
            e.ETag.ToString());
    }

    /// <summary>"auto", "always" or "never"; rows written before the auto mode hold true or false.</summary>
    private static FullTextMode FullText(TableEntity e) => e.TryGetValue("fullText", out var value) switch
    {
        false => FullTextMode.Auto,
        true => value switch
        {
            bool always => always ? FullTextMode.Always : FullTextMode.Never,
            string text when Enum.TryParse<FullTextMode>(text, ignoreCase: true, out var mode) => mode,
            _ => FullTextMode.Auto,
        },
    };

    private static string? Empty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    internal static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
