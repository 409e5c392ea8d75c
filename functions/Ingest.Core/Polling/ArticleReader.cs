using System.Security.Cryptography;
using System.Text;
using Ingest.Core.Extraction;
using Ingest.Core.Feeds;
using Ingest.Core.Feeds.Encodings;
using Ingest.Core.Fetching;
using Ingest.Core.Model;
using Ingest.Core.Text;
using Ingest.Core.Topics;

namespace Ingest.Core.Polling;

/// <summary>A new article read and matched, ready to store.</summary>
public sealed record ReadArticle(StoredArticle Article, IReadOnlyList<StoredHit> Hits, IReadOnlyList<string> Warnings, string Text);

/// <summary>
/// Turns a new feed item into an article: its text from the feed, or from the page itself when the feed
/// asks for full text (falling back to the feed's text when the page cannot be had), matched against the
/// topic model.
/// </summary>
public sealed class ArticleReader(FeedFetcher fetcher, TopicMatcher matcher)
{
    public async Task<ReadArticle> ReadAsync(FeedRecord feed, FeedItem item, string key, string link, DateTimeOffset requestedAt, CancellationToken cancellationToken)
    {
        var warnings = new List<string>();
        var title = item.Title;
        var text = HtmlText.ToPlainText(item.Content ?? item.Summary) ?? "";
        DateTimeOffset? pagePublished = null;
        string? pageLanguage = null;

        if (feed.FullText)
        {
            var page = await fetcher.FetchAsync(new FetchRequest(new Uri(link)), cancellationToken).ConfigureAwait(false);
            if (page.Status == FetchStatus.Ok)
            {
                var extracted = ArticleExtractor.Extract(FeedTextDecoder.Decode(page.Body, page.Charset).Text, page.FinalUri);
                warnings.AddRange((extracted.Warnings ?? []).Select(w => $"{link}: {w}"));
                text = extracted.Text.Length > text.Length ? extracted.Text : text;
                title ??= extracted.Title;
                pagePublished = extracted.PublishedAt;
                pageLanguage = extracted.Language;
            }
            else
            {
                warnings.Add($"{link}: full text unavailable ({page.Error ?? page.Status.ToString()}); matched the feed's text");
            }
        }

        title = string.IsNullOrWhiteSpace(title) ? link : InvisibleControls.Strip(title).Trim();
        // Stripped before matching, so snippets and their marks are cut from what will be shown.
        text = InvisibleControls.Strip(text);

        // Undated items take the poll request's time, which a redelivered message repeats: the same row keys again.
        var published = item.Published ?? item.Updated ?? pagePublished ?? requestedAt;
        if (published > requestedAt)
        {
            published = requestedAt;
        }

        var language = feed.Language ?? pageLanguage;
        var hits = matcher.Match(title, text)
            .Select(h => new StoredHit(h.TopicId, key, title, link, feed.Id, published, h.Score, h.Matched, h.Snippet, h.SnippetHighlights, FoundAt: requestedAt, Language: language))
            .ToList();
        var article = new StoredArticle(
            key,
            link,
            title,
            published,
            feed.Id,
            language,
            hits.Select(h => h.TopicId).ToList(),
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(title + "\n" + text))));
        return new ReadArticle(article, hits, warnings, text);
    }
}
