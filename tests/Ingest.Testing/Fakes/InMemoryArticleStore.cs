using Ingest.Core.Model;
using Ingest.Core.Polling;

namespace Ingest.Testing.Fakes;

/// <summary>
/// The <c>Articles</c> and <c>Hits</c> tables in memory: <see cref="IArticleStore"/> for the poller and
/// <see cref="IHitReader"/> for everything that reads hits, over one set of rows, so what a poll stores is what a
/// digest reads. A hit is one row per topic, publication time and article, as in the table.
/// </summary>
public sealed class InMemoryArticleStore : IArticleStore, IHitReader
{
    private readonly Dictionary<string, StoredArticle> _articles = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Topic, DateTimeOffset PublishedAt, string ArticleKey), StoredHit> _hits = [];
    private readonly Lock _lock = new();

    public IReadOnlyList<StoredArticle> Articles
    {
        get
        {
            lock (_lock)
            {
                return [.. _articles.Values];
            }
        }
    }

    public Task<IReadOnlySet<string>> FindExistingAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlySet<string>>(keys.Where(_articles.ContainsKey).ToHashSet(StringComparer.Ordinal));
        }
    }

    public Task<IReadOnlySet<string>> SaveAsync(IReadOnlyList<StoredArticle> newArticles, IReadOnlyList<StoredHit> newHits, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            foreach (var hit in newHits)
            {
                // As a row holds it: found when published unless said otherwise, an absent snippet empty.
                _hits[(hit.TopicId, hit.PublishedAt, hit.ArticleKey)] = hit with { FoundAt = hit.FoundAt ?? hit.PublishedAt, Snippet = hit.Snippet ?? "", Highlights = hit.Highlights ?? [] };
            }

            var stored = new HashSet<string>(StringComparer.Ordinal);
            foreach (var article in newArticles)
            {
                if (!_articles.TryAdd(article.Key, article))
                {
                    stored.Add(article.Key);
                }
            }

            return Task.FromResult<IReadOnlySet<string>>(stored);
        }
    }

    public Task<IReadOnlyList<StoredHit>> ReadAsync(IReadOnlyList<string> topics, DateTimeOffset start, DateTimeOffset until, double minScore, CancellationToken cancellationToken) =>
        Select(topics, h => h.Score >= minScore && h.PublishedAt >= start && h.PublishedAt < until);

    public Task<IReadOnlyList<StoredHit>> ReadFoundSinceAsync(IReadOnlyList<string> topics, DateTimeOffset since, CancellationToken cancellationToken) =>
        Select(topics, h => FoundSince(h, since));

    public async Task<int> CountFoundSinceAsync(string topic, DateTimeOffset since, CancellationToken cancellationToken) =>
        (await Select([topic], h => FoundSince(h, since)).ConfigureAwait(false)).Count;

    public async Task<LatestHit?> LatestAsync(string topic, CancellationToken cancellationToken) =>
        (await Select([topic], _ => true).ConfigureAwait(false)) is [var newest, ..] ? new LatestHit(newest.Title, newest.Url, newest.PublishedAt) : null;

    private static bool FoundSince(StoredHit hit, DateTimeOffset since) => hit.FoundAt >= since || hit.PublishedAt > since;

    /// <summary>Topic by topic in the order asked, each newest first (the table's row keys invert publication time).</summary>
    private Task<IReadOnlyList<StoredHit>> Select(IReadOnlyList<string> topics, Func<StoredHit, bool> keep)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<StoredHit>>([.. topics.SelectMany(topic => _hits
                .Where(h => h.Key.Topic == topic && keep(h.Value))
                .OrderByDescending(h => h.Key.PublishedAt).ThenBy(h => h.Key.ArticleKey, StringComparer.Ordinal)
                .Select(h => h.Value))]);
        }
    }
}
