using Ingest.Core.Model;
using Ingest.Core.Topics;

namespace Ingest.Core.Subscriptions;

/// <summary>
/// Refuses a watch that would have matched most of what Ingest found in the last day: such a watch is a flood, not
/// an alert. The sample is the articles of the last day on Ingest's topics (titles and snippets, as stored), read
/// at most once a <see cref="SampleLife"/>; with fewer than <see cref="MinSample"/> of them nothing is judged.
/// </summary>
public sealed class WatchBreadth(IHitReader hits, TopicCatalog topics, TimeProvider time)
{
    public const int MinSample = 20;

    /// <summary>A watch matching more than this share of the sample is too broad.</summary>
    public const double MaxShare = 0.5;

    public static readonly TimeSpan SampleLife = TimeSpan.FromMinutes(10);

    private static readonly TopicModel NoTopics = new(1, 1, [], []);

    private Sample? _sample;

    /// <summary>Why the first too broad watch of <paramref name="watches"/> is refused, or null when none is.</summary>
    public async Task<string?> RefuseAsync(IReadOnlyList<string>? watches, CancellationToken cancellationToken)
    {
        var queries = (watches ?? []).Select(w => WatchQuery.TryParse(w, out var q, out _) ? q : null).ToList();
        if (queries.All(q => q is null))
        {
            return null;
        }

        var sample = await SampleAsync(cancellationToken).ConfigureAwait(false);
        if (sample.Count < MinSample)
        {
            return null;
        }

        var matcher = new TopicMatcher(NoTopics, queries.OfType<WatchQuery>());
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var article in sample)
        {
            var host = Uri.TryCreate(article.Url, UriKind.Absolute, out var uri) ? uri.Host : null;
            foreach (var hit in matcher.Match(article.Title, article.Snippet, article.Language, host))
            {
                counts[hit.TopicId] = counts.GetValueOrDefault(hit.TopicId) + 1;
            }
        }

        var broad = queries.FindIndex(q => q is not null && counts.GetValueOrDefault(q.Id) > sample.Count * MaxShare);
        return broad < 0
            ? null
            : $"watch {broad + 1} would have matched {counts[queries[broad]!.Id]} of the {sample.Count} articles Ingest found on its topics in the last day; add words to narrow it";
    }

    private async Task<IReadOnlyList<StoredHit>> SampleAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (Volatile.Read(ref _sample) is { } kept && now - kept.ReadAt < SampleLife)
        {
            return kept.Articles;
        }

        var found = await hits.ReadFoundSinceAsync([.. topics.Topics.Select(t => t.Id)], now.AddDays(-1), cancellationToken).ConfigureAwait(false);
        var articles = found.DistinctBy(h => h.ArticleKey).ToList();
        Volatile.Write(ref _sample, new Sample(now, articles));
        return articles;
    }

    private sealed record Sample(DateTimeOffset ReadAt, IReadOnlyList<StoredHit> Articles);
}
