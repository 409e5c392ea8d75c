using Ingest.Core.Extraction;
using Ingest.Core.Feeds;
using Ingest.Core.Model;

namespace Ingest.Core.Polling;

/// <summary>
/// Which of a poll's items are new, asking <c>Articles</c> as little as it can: the feed row remembers the keys of the
/// items it listed last time, and of the rest only those about to cost something (a page read, a story filed, an alert)
/// are looked up. An article that matched nothing is inserted where its key has no row yet, which needs no question.
/// </summary>
internal sealed class NewItems(IArticleStore articles)
{
    /// <summary>Characters of an article key kept per item on the feed row: enough to tell a feed's items apart.</summary>
    public const int ItemKeyPrefix = 16;

    /// <summary>Items with a usable address, once each (feeds do list the same link twice).</summary>
    public static List<(FeedItem Item, string Link, string Key)> Keyed(Feed feed)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var items = new List<(FeedItem, string, string)>();
        foreach (var item in feed.Items)
        {
            var link = new[] { item.Link, item.Id }.FirstOrDefault(l => Uri.TryCreate(l, UriKind.Absolute, out var u) && u.Scheme is "http" or "https");
            if (link is not null && UrlCanonicalizer.ArticleKey(link) is var key && seen.Add(key))
            {
                items.Add((item, link, key));
            }
        }

        return items;
    }

    /// <summary>
    /// The items the feed row does not remember, to be read. <c>Articles</c> is asked now only about those whose page
    /// would be read (another feed may have stored them, and a page is fetched once); the others after matching, and
    /// only if they matched (<see cref="UnstoredAsync"/>).
    /// </summary>
    public async Task<List<NewItem>> FindAsync(FeedRecord feed, List<(FeedItem Item, string Link, string Key)> items, CancellationToken cancellationToken)
    {
        var known = (feed.ItemKeys ?? []).ToHashSet(StringComparer.Ordinal);
        var pagesLeft = ArticleReader.PagesPerPoll;
        var fresh = new List<NewItem>();
        foreach (var (item, link, key) in items.Where(i => !known.Contains(i.Key[..ItemKeyPrefix])))
        {
            var draft = ArticleReader.Prepare(feed, item);
            fresh.Add(new NewItem(draft, link, key, ReadsPage: draft.WantsPage && pagesLeft-- > 0));
        }

        var stored = await StoredAsync([.. fresh.Where(i => i.ReadsPage).Select(i => i.Key)], cancellationToken).ConfigureAwait(false);
        return stored.Count == 0 ? fresh : [.. fresh.Where(i => !stored.Contains(i.Key))];
    }

    /// <summary>The articles read, less those that matched a topic and turn out stored already: they are not filed or alerted again.</summary>
    public async Task<List<ReadArticle>> UnstoredAsync(List<ReadArticle> read, List<NewItem> items, CancellationToken cancellationToken)
    {
        var askedBefore = items.Where(i => i.ReadsPage).Select(i => i.Key).ToHashSet(StringComparer.Ordinal);
        var stored = await StoredAsync([.. read.Where(r => r.Hits.Count > 0 && !askedBefore.Contains(r.Article.Key)).Select(r => r.Article.Key)], cancellationToken).ConfigureAwait(false);
        return stored.Count == 0 ? read : [.. read.Where(r => !stored.Contains(r.Article.Key))];
    }

    private async Task<IReadOnlySet<string>> StoredAsync(List<string> keys, CancellationToken cancellationToken) =>
        keys.Count == 0 ? new HashSet<string>() : await articles.FindExistingAsync(keys, cancellationToken).ConfigureAwait(false);
}
