using Ingest.Core.Model;
using Ingest.Core.Topics;

namespace Ingest.Core.Publishing;

/// <summary>
/// The read API's search over the <c>Hits</c> table: the caller's topics and watches in the window (read by topic and
/// publication time, as digests read them), then the filters, newest first, a page at a time.
/// </summary>
public sealed class HitSearch(IHitReader hits)
{
    /// <returns>The page, or why the query asks for what the caller may not read.</returns>
    public async Task<(ApiHitPage? Page, ApiError? Refused)> HitsAsync(HitScope scope, HitQuery query, CancellationToken cancellationToken)
    {
        var (found, refused) = await FindAsync(scope, query, cancellationToken).ConfigureAwait(false);
        if (refused is not null)
        {
            return (null, refused);
        }

        var ordered = found
            .Select(h => (Hit: h, Key: $"{h.ArticleKey}|{h.TopicId}"))
            .Where(h => query.After?.Precedes(h.Hit.PublishedAt, h.Key) ?? true)
            .OrderByDescending(h => h.Hit.PublishedAt).ThenBy(h => h.Key, StringComparer.Ordinal)
            .Take(query.Limit + 1)
            .ToList();
        var page = ordered.Take(query.Limit).ToList();
        var next = ordered.Count > query.Limit ? new ApiCursor(page[^1].Hit.PublishedAt, page[^1].Key).ToString() : null;
        return (new ApiHitPage([.. page.Select(h => ToApi(h.Hit, scope))], next), null);
    }

    /// <summary>The same hits grouped into their stories, the most recently reported story first.</summary>
    public async Task<(ApiStoryPage? Page, ApiError? Refused)> StoriesAsync(HitScope scope, HitQuery query, CancellationToken cancellationToken)
    {
        var (found, refused) = await FindAsync(scope, query, cancellationToken).ConfigureAwait(false);
        if (refused is not null)
        {
            return (null, refused);
        }

        var ordered = found
            .GroupBy(h => h.StoryId ?? h.ArticleKey, StringComparer.Ordinal)
            .Select(g => (Hits: g.ToList(), Key: g.Key, Last: g.Max(h => h.PublishedAt)))
            .Where(s => query.After?.Precedes(s.Last, s.Key) ?? true)
            .OrderByDescending(s => s.Last).ThenBy(s => s.Key, StringComparer.Ordinal)
            .Take(query.Limit + 1)
            .ToList();
        var page = ordered.Take(query.Limit).ToList();
        var next = ordered.Count > query.Limit ? new ApiCursor(page[^1].Last, page[^1].Key).ToString() : null;
        return (new ApiStoryPage([.. page.Select(s => ToStory(s.Key, s.Hits, scope))], next), null);
    }

    private async Task<(IReadOnlyList<StoredHit> Found, ApiError? Refused)> FindAsync(HitScope scope, HitQuery query, CancellationToken cancellationToken)
    {
        var topics = query.Topics ?? (query.Watches is null ? scope.Topics : []);
        var strangers = topics.Where(t => !scope.Topics.Contains(t)).ToList();
        var watches = (query.Watches ?? (query.Topics is null ? [.. scope.Watches.Keys] : [])).Select(w => WatchId(w, scope)).ToList();
        if (strangers.Count > 0 || watches.Contains(null))
        {
            var what = strangers.Count > 0 ? $"topic '{strangers[0]}'" : "a watch";
            return ([], new ApiError($"The {what} is not one you may read.", new Dictionary<string, string> { [strangers.Count > 0 ? "topic" : "watch"] = "not one you may read" }));
        }

        var read = topics.Count == 0 ? [] : await hits.ReadAsync(topics, query.Since, query.Until, scope.MinScore, cancellationToken).ConfigureAwait(false);
        var watched = watches.Count == 0 ? [] : await hits.ReadAsync([.. watches.OfType<string>()], query.Since, query.Until, 0, cancellationToken).ConfigureAwait(false);
        return ([.. read.Concat(watched).Where(h => Wanted(h, query))], null);
    }

    private static bool Wanted(StoredHit hit, HitQuery query) =>
        hit.PublishedAt >= query.Since && hit.PublishedAt < query.Until
        && (query.Source is null || string.Equals(hit.FeedId, query.Source, StringComparison.OrdinalIgnoreCase))
        && (query.Language is null || (hit.Language is { } language && (language.Equals(query.Language, StringComparison.OrdinalIgnoreCase) || language.StartsWith(query.Language + "-", StringComparison.OrdinalIgnoreCase))))
        && (query.Words.Count == 0 || query.HasWords(HitQuery.FoldText(hit.Title, hit.Snippet)));

    /// <summary>A watch asked for by its id or as the subscriber wrote it; null when it is not the caller's.</summary>
    private static string? WatchId(string asked, HitScope scope)
    {
        var id = WatchQuery.IsWatchId(asked) ? asked : WatchQuery.TryParse(asked, out var parsed, out _) ? parsed!.Id : null;
        return id is not null && (scope.AnyWatch || scope.Watches.ContainsKey(id)) ? id : null;
    }

    private static ApiHit ToApi(StoredHit hit, HitScope scope) => new(
        Label(hit.TopicId, scope), hit.Title, SnippetMarks.SafeLink(hit.Url), hit.FeedId, hit.PublishedAt, hit.FoundAt, hit.Language, Math.Round(hit.Score, 2),
        [.. hit.Matched.Select(m => m.Term)], hit.Snippet, hit.StoryId);

    private static ApiStory ToStory(string id, List<StoredHit> hits, HitScope scope)
    {
        var best = hits.MaxBy(h => h.Score)!;
        var reports = hits.GroupBy(h => h.ArticleKey, StringComparer.Ordinal).Select(g => g.First()).OrderBy(h => h.PublishedAt).ToList();
        return new ApiStory(
            id,
            best.Title,
            SnippetMarks.SafeLink(best.Url),
            [.. hits.Select(h => Label(h.TopicId, scope)).Distinct(StringComparer.Ordinal)],
            reports[0].PublishedAt,
            reports[^1].PublishedAt,
            [.. reports.Select(r => r.FeedId).Distinct(StringComparer.Ordinal)],
            [.. reports.Select(r => r.Language).OfType<string>().Distinct(StringComparer.Ordinal)],
            [.. reports.Select(r => new ApiReport(r.Title, SnippetMarks.SafeLink(r.Url), r.FeedId, r.PublishedAt, r.Language))]);
    }

    /// <summary>A topic by its id; a watch as its subscriber wrote it, which only they see (an operator sees its id).</summary>
    private static string Label(string topicId, HitScope scope) => scope.Watches.GetValueOrDefault(topicId, topicId);
}
