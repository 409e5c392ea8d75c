using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;
using Ingest.Core.Model;
using Ingest.Core.Polling;

namespace Ingest.Storage.Stores;

/// <summary>
/// The <c>Articles</c> table (partition: first two hex digits of the key) and the <c>Hits</c> table (partition:
/// topic id; row key: inverted ticks of the publication time, so a partition reads newest first, then the
/// article key). Hits are written as whole-row upserts and articles as inserts, in entity-group transactions of up to 100.
/// </summary>
public sealed class ArticleTable(TableClient articles, TableClient hits) : IArticleStore
{
    public async Task<IReadOnlySet<string>> FindExistingAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var existing = new HashSet<string>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (key, ct) =>
        {
            if (await articles.FindAsync(ArticlePartition(key), key, ["RowKey"], ct).ConfigureAwait(false) is not null)
            {
                lock (existing)
                {
                    existing.Add(key);
                }
            }
        }).ConfigureAwait(false);
        return existing;
    }

    public async Task<IReadOnlySet<string>> SaveAsync(IReadOnlyList<StoredArticle> newArticles, IReadOnlyList<StoredHit> newHits, CancellationToken cancellationToken)
    {
        await UpsertAsync(hits, newHits.Select(ToEntity), cancellationToken).ConfigureAwait(false);
        var batches = Batches(newArticles.Select(ToEntity));
        var stored = new List<string>[batches.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, batches.Count), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (i, ct) =>
            stored[i] = await InsertAsync(batches[i], ct).ConfigureAwait(false)).ConfigureAwait(false);
        return stored.SelectMany(keys => keys).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Inserts one partition's articles in one transaction. A row that exists fails the whole transaction, naming it: it is
    /// left out and the rest sent again, so each try either succeeds or finds one more stored article.
    /// </summary>
    private async Task<List<string>> InsertAsync(TableEntity[] batch, CancellationToken cancellationToken)
    {
        var left = batch.ToList();
        var stored = new List<string>();
        while (left.Count > 0)
        {
            try
            {
                await articles.SubmitTransactionAsync(left.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)), cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (TableTransactionFailedException ex) when (ex.ErrorCode == TableErrorCode.EntityAlreadyExists)
            {
                if (ex.FailedTransactionActionIndex is { } index && index < left.Count)
                {
                    stored.Add(left[index].RowKey);
                    left.RemoveAt(index);
                    continue;
                }

                // An answer that does not say which row: ask about them all once; if none is there, the refusal is not ours to explain.
                var existing = await FindExistingAsync([.. left.Select(e => e.RowKey)], cancellationToken).ConfigureAwait(false);
                if (existing.Count == 0)
                {
                    throw;
                }

                stored.AddRange(existing);
                left.RemoveAll(e => existing.Contains(e.RowKey));
            }
        }

        return stored;
    }

    public static string ArticlePartition(string key) => key[..2];

    /// <summary>Sorts newest first within a topic's partition.</summary>
    public static string HitRowKey(DateTimeOffset publishedAt, string articleKey) => InvertedTicks(publishedAt) + "_" + articleKey;

    public static string InvertedTicks(DateTimeOffset time) => (DateTimeOffset.MaxValue.UtcTicks - time.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);

    private static List<TableEntity[]> Batches(IEnumerable<TableEntity> entities) =>
        [.. entities.GroupBy(e => e.PartitionKey).SelectMany(partition => partition.Chunk(StorageExtensions.MaxTransactionActions))];

    private static async Task UpsertAsync(TableClient table, IEnumerable<TableEntity> entities, CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(Batches(entities), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (batch, ct) =>
            await table.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), ct).ConfigureAwait(false)).ConfigureAwait(false);
    }

    private static TableEntity ToEntity(StoredArticle a) => new(ArticlePartition(a.Key), a.Key)
    {
        ["url"] = FeedTable.Clip(a.Url, 4000),
        ["title"] = FeedTable.Clip(a.Title, 1000),
        ["publishedAt"] = a.PublishedAt,
        ["feedId"] = a.FeedId,
        ["language"] = a.Language ?? "",
        ["topics"] = string.Join(',', a.Topics),
        ["contentHash"] = a.ContentHash,
        ["storyId"] = a.StoryId ?? "",
    };

    private static TableEntity ToEntity(StoredHit h) => new(h.TopicId, HitRowKey(h.PublishedAt, h.ArticleKey))
    {
        ["foundAt"] = h.FoundAt ?? h.PublishedAt,
        ["articleKey"] = h.ArticleKey,
        ["title"] = FeedTable.Clip(h.Title, 1000),
        ["url"] = FeedTable.Clip(h.Url, 4000),
        ["feedId"] = h.FeedId,
        ["publishedAt"] = h.PublishedAt,
        ["score"] = h.Score,
        ["matched"] = JsonSerializer.Serialize(h.Matched.Select(m => new { term = m.Term, count = m.Count })),
        ["snippet"] = FeedTable.Clip(h.Snippet ?? "", 2000),
        ["highlights"] = JsonSerializer.Serialize((h.Highlights ?? []).Select(t => new[] { t.Start, t.Length })),
        ["storyId"] = h.StoryId ?? "",
        ["language"] = h.Language ?? "",
    };
}
