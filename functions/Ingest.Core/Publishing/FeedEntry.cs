using System.Globalization;
using Ingest.Core.Model;
using Ingest.Core.Topics;

namespace Ingest.Core.Publishing;

/// <summary>
/// One event of a hit feed, whatever its format: its best report, the feed's topics its reports matched, when it last
/// grew (a report joined), and how many reports it has. Its id is the story's, so a reader keeps one entry however the
/// best report changes; a hit filed under no story goes by its article.
/// </summary>
public sealed record FeedEntry(StoredHit Best, IReadOnlyList<string> TopicIds, DateTimeOffset Updated, int Reports, string Id)
{
    /// <summary>Entries per feed: a feed reader polls often, so the newest are enough.</summary>
    public const int MaxEntries = 50;

    /// <summary>The feed's events, newest first: hits of the feed's topics grouped by story.</summary>
    public static IReadOnlyList<FeedEntry> Select(IReadOnlyList<StoredHit> hits, IReadOnlyDictionary<string, TopicEntry> topics) =>
        hits.Where(h => topics.ContainsKey(h.TopicId))
            .GroupBy(h => h.StoryId ?? h.ArticleKey)
            .Select(Of)
            .OrderByDescending(e => e.Updated)
            .Take(MaxEntries)
            .ToList();

    /// <summary>The snippet, then why it matched, its score, its source and how widely the event was reported.</summary>
    public string Summary(string source)
    {
        var reach = Reports > 1 ? $" {Reports} reports of this event." : "";
        return $"{Best.Snippet}\n\nMatched: {SnippetMarks.Why(Best.Matched)} (score {Best.Score.ToString("0.#", CultureInfo.InvariantCulture)}), from {source}.{reach}";
    }

    private static FeedEntry Of(IGrouping<string, StoredHit> hits)
    {
        var best = hits.MaxBy(h => h.Score)!;
        var id = best.StoryId is { } story ? $"tag:ingest,2026:stories/{story}" : $"tag:ingest,2026:articles/{best.ArticleKey}";
        return new FeedEntry(best, hits.Select(h => h.TopicId).Distinct().ToList(), hits.Max(h => h.FoundAt ?? h.PublishedAt), hits.Select(h => h.ArticleKey).Distinct().Count(), id);
    }
}
