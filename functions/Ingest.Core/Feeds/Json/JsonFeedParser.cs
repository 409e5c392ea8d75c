using System.Net;
using System.Text.Json;
using Ingest.Core.Feeds.Dates;

namespace Ingest.Core.Feeds.Json;

/// <summary>JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1), including 1.0's single <c>author</c>.</summary>
internal static class JsonFeedParser
{
    public static Feed Parse(string text, Uri? feedUri, FeedParserOptions options, List<string> warnings)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = options.MaxDepth, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new FeedParseException(
                ex.Message.Contains("maximum configured depth", StringComparison.OrdinalIgnoreCase) ? FeedParseFailure.TooLarge : FeedParseFailure.Malformed,
                $"not valid JSON: {ex.Message.Split('\n')[0]}",
                ex);
        }

        using (document)
        {
            var root = document.RootElement;
            var version = root.ValueKind == JsonValueKind.Object ? String(root, "version") : null;
            if (version is null || !version.StartsWith("https://jsonfeed.org/version/1", StringComparison.Ordinal)
                && !version.StartsWith("http://jsonfeed.org/version/1", StringComparison.Ordinal))
            {
                throw new FeedParseException(FeedParseFailure.NotAFeed, "not a feed: JSON without a JSON Feed version");
            }

            var homePage = Url(String(root, "home_page_url"), feedUri);
            var itemElements = root.TryGetProperty("items", out var array) && array.ValueKind == JsonValueKind.Array
                ? array.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object).ToList()
                : [];
            var items = FeedItems.Take(itemElements, options, warnings)
                .Select((item, index) => Item(item, index, feedUri, warnings))
                .ToList();

            return new Feed(
                FeedFormat.Json1x,
                Text.HtmlText.ToPlainText(String(root, "title")),
                homePage,
                Text.HtmlText.ToPlainText(String(root, "description")),
                FeedItems.Language(String(root, "language")),
                items,
                warnings);
        }
    }

    private static FeedItem Item(JsonElement item, int index, Uri? feedUri, List<string> warnings)
    {
        var url = Url(String(item, "url"), feedUri) ?? Url(String(item, "external_url"), feedUri);
        var contentText = String(item, "content_text");
        var authors = Authors(item);
        var tags = item.TryGetProperty("tags", out var tagArray) && tagArray.ValueKind == JsonValueKind.Array
            ? tagArray.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString())
            : [];
        var attachments = item.TryGetProperty("attachments", out var attachmentArray) && attachmentArray.ValueKind == JsonValueKind.Array
            ? attachmentArray.EnumerateArray()
                .Where(a => a.ValueKind == JsonValueKind.Object && Url(String(a, "url"), feedUri) is not null)
                .Select(a => new FeedEnclosure(
                    Url(String(a, "url"), feedUri)!,
                    String(a, "mime_type"),
                    a.TryGetProperty("size_in_bytes", out var size) && size.TryGetInt64(out var bytes) ? bytes : null))
                .ToList()
            : [];

        return new FeedItem(
            Id(item) ?? url,
            Text.HtmlText.ToPlainText(String(item, "title")),
            url,
            Date(String(item, "date_published"), $"item {index + 1} date_published", warnings),
            Date(String(item, "date_modified"), $"item {index + 1} date_modified", warnings),
            String(item, "summary") is { } summary ? WebUtility.HtmlEncode(summary) : null,
            String(item, "content_html") ?? (contentText is null ? null : WebUtility.HtmlEncode(contentText)),
            authors,
            FeedItems.Distinct(tags),
            attachments);
    }

    private static IReadOnlyList<string> Authors(JsonElement item)
    {
        var authors = new List<string?>();
        if (item.TryGetProperty("authors", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            authors.AddRange(list.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.Object).Select(a => String(a, "name")));
        }

        if (item.TryGetProperty("author", out var single) && single.ValueKind == JsonValueKind.Object)
        {
            authors.Add(String(single, "name"));
        }

        return FeedItems.Distinct(authors);
    }

    /// <summary>Ids must be strings, but some feeds write numbers.</summary>
    private static string? Id(JsonElement item) =>
        item.TryGetProperty("id", out var id) ? id.ValueKind switch
        {
            JsonValueKind.String => id.GetString() is { Length: > 0 } s ? s : null,
            JsonValueKind.Number => id.GetRawText(),
            _ => null,
        } : null;

    private static DateTimeOffset? Date(string? text, string what, List<string> warnings)
    {
        var parsed = FeedDateParser.Parse(text);
        if (parsed.Warning is not null)
        {
            warnings.Add($"{what}: {parsed.Warning}");
        }

        return parsed.Value;
    }

    private static string? Url(string? href, Uri? feedUri)
    {
        if (string.IsNullOrWhiteSpace(href))
        {
            return null;
        }

        if (!href.StartsWith('/') && Uri.TryCreate(href, UriKind.Absolute, out var absolute))
        {
            return absolute.Scheme is "http" or "https" ? absolute.AbsoluteUri : null;
        }

        return feedUri is not null && Uri.TryCreate(feedUri, href, out var resolved) ? resolved.AbsoluteUri : href;
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { } s && !string.IsNullOrWhiteSpace(s)
            ? s.Trim()
            : null;
}
