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
            stored[i] = await articles.InsertNewAsync(batches[i], ct).ConfigureAwait(false)).ConfigureAwait(false);
        return stored.SelectMany(keys => keys).ToHashSet(StringComparer.Ordinal);
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
