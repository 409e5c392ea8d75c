using System.Security.Cryptography;
using System.Text;
using Ingest.Core.Extraction;
using Ingest.Core.Feeds;
using Ingest.Core.Feeds.Encodings;
using Ingest.Core.Fetching;
using Ingest.Core.Model;
using Ingest.Core.Telemetry;
using Ingest.Core.Text;
using Ingest.Core.Topics;

namespace Ingest.Core.Polling;

/// <summary>
/// A new article read and matched, ready to store; <see cref="FeedText"/> is what the feed gave of it, and
/// <see cref="PageSkipped"/> says its page was wanted but not read (the poll's <see cref="ArticleReader.PagesPerPoll"/> were used).
/// </summary>
public sealed record ReadArticle(StoredArticle Article, IReadOnlyList<StoredHit> Hits, IReadOnlyList<string> Warnings, string Text, TextLog.Item FeedText, bool PageSkipped = false);

/// <summary>
/// Turns a new feed item into an article: its text from the feed, or from the page itself when the feed's text is a
/// stub or the feed asks for full text (see <see cref="FullTextMode"/>; the feed's text stays when the page cannot be
/// had or says less), matched against the topic model and subscribers' watches. A new item is read once, so its page is fetched once.
/// </summary>
public sealed class ArticleReader(FeedFetcher fetcher, CurrentMatcher matchers, TimeProvider? timeProvider = null, IngestMetrics? metrics = null)
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly IngestMetrics _metrics = metrics ?? IngestMetrics.Unobserved;

    /// <summary>
    /// Pages read per poll of one feed at most, for the first new items in the feed's order (the newest, in news
    /// feeds): a first poll of a long archive must not become thousands of page fetches from one site.
    /// </summary>
    public const int PagesPerPoll = 50;

    /// <summary>
    /// What the feed gives of <paramref name="item"/> and whether its page is wanted: known before anything is fetched,
    /// so a poll can ask storage about the items whose pages it would read before it reads them.
    /// </summary>
    public static ItemDraft Prepare(FeedRecord feed, FeedItem item)
    {
        var text = HtmlText.ToPlainText(item.Content ?? item.Summary) ?? "";
        var judged = StubText.Judge(item.Title, text);
        return new ItemDraft(item, text, judged, ShouldReadPage(feed, judged));
    }

    /// <param name="mayReadPage">False once the poll has used its <see cref="PagesPerPoll"/>: the feed's text is matched.</param>
    public async Task<ReadArticle> ReadAsync(FeedRecord feed, ItemDraft draft, string key, string link, DateTimeOffset requestedAt, bool mayReadPage, CancellationToken cancellationToken)
    {
        var warnings = new List<string>();
        var item = draft.Item;
        var title = item.Title;
        var text = draft.FeedText;
        DateTimeOffset? pagePublished = null;
        string? pageLanguage = null;

        var readInFull = false;
        if (draft.WantsPage && mayReadPage)
        {
            var page = await fetcher.FetchAsync(new FetchRequest(new Uri(link)), cancellationToken).ConfigureAwait(false);
            _metrics.RecordPage(page.Status == FetchStatus.Ok ? "read" : "unavailable");
            if (page.Status == FetchStatus.Ok)
            {
                var extracted = ArticleExtractor.Extract(FeedTextDecoder.Decode(page.Body, page.Charset).Text, page.FinalUri);
                warnings.AddRange((extracted.Warnings ?? []).Select(w => $"{link}: {w}"));
                readInFull = extracted.Text.Length > text.Length;
                text = readInFull ? extracted.Text : text;
                title ??= extracted.Title;
                pagePublished = extracted.PublishedAt;
                pageLanguage = extracted.Language;
            }
            else
            {
                warnings.Add($"{link}: full text unavailable ({page.Error ?? page.Status.ToString()}); matched the feed's text");
            }
        }
        else if (draft.WantsPage)
        {
            _metrics.RecordPage("over-limit");
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
        var matcher = await matchers.GetAsync(cancellationToken).ConfigureAwait(false);
        var matching = _time.GetTimestamp();
        var matches = matcher.Match(title, text, language, Uri.TryCreate(link, UriKind.Absolute, out var uri) ? uri.Host : null);
        _metrics.RecordMatch(_time.GetElapsedTime(matching));
        var hits = matches
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
        return new ReadArticle(article, hits, warnings, text, new TextLog.Item(draft.FeedText.Length, draft.Judged != ItemText.Full, readInFull), PageSkipped: draft.WantsPage && !mayReadPage);
    }

    /// <summary>
    /// Auto: a text that says it is cut always; a short one unless the feed is known to write short items whole; a
    /// long one only from a feed whose texts are known to be teasers.
    /// </summary>
    private static bool ShouldReadPage(FeedRecord feed, ItemText judged) => feed.FullText switch
    {
        FullTextMode.Always => true,
        FullTextMode.Never => false,
        _ => judged switch
        {
            ItemText.Cut => true,
            ItemText.Brief => feed.Texts?.GivesStubs is not false,
            _ => feed.Texts?.GivesStubs is true,
        },
    };
}
