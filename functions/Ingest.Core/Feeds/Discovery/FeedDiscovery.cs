using HtmlAgilityPack;

namespace Ingest.Core.Feeds.Discovery;

/// <summary>A feed a page points to with <c>&lt;link rel="alternate"&gt;</c>.</summary>
public sealed record DiscoveredFeed(string Url, string MediaType, string? Title);

/// <summary>Finds the feeds an HTML page announces, resolving relative addresses against <c>&lt;base&gt;</c> and the page URL.</summary>
public static class FeedDiscovery
{
    private static readonly HashSet<string> FeedTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "application/rss+xml", "application/atom+xml", "application/feed+json", "application/json", "application/rdf+xml", "application/xml", "text/xml",
    };

    private const int MaxDepth = 400;

    public static IReadOnlyList<DiscoveredFeed> Discover(string html, Uri? pageUri)
    {
        // Feeds are announced in the head; a body nested too deep to parse safely is left out.
        if (Text.HtmlNesting.Exceeds(html, MaxDepth) && html.IndexOf("<body", StringComparison.OrdinalIgnoreCase) is var body and >= 0)
        {
            html = html[..body];
        }

        if (Text.HtmlNesting.Exceeds(html, MaxDepth))
        {
            return [];
        }

        var document = new HtmlDocument();
        document.LoadHtml(html);
        var baseHref = document.DocumentNode.SelectSingleNode("//base[@href]")?.GetAttributeValue("href", null);
        var baseUri = pageUri is not null && baseHref is not null && Uri.TryCreate(pageUri, baseHref, out var b) ? b : pageUri;

        return (document.DocumentNode.SelectNodes("//link[@rel and @href and @type]") ?? Enumerable.Empty<HtmlNode>())
            .Where(link => link.GetAttributeValue("rel", "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Any(rel => rel.Equals("alternate", StringComparison.OrdinalIgnoreCase)))
            .Select(link => (Link: link, Type: link.GetAttributeValue("type", "").Split(';')[0].Trim()))
            .Where(l => FeedTypes.Contains(l.Type))
            .Select(l => (l.Type, Url: Resolve(baseUri, System.Net.WebUtility.HtmlDecode(l.Link.GetAttributeValue("href", ""))), Title: l.Link.GetAttributeValue("title", null)))
            .Where(l => l.Url is not null)
            .DistinctBy(l => l.Url)
            .Select(l => new DiscoveredFeed(l.Url!, l.Type.ToLowerInvariant(), l.Title is null ? null : Text.HtmlText.ToPlainText(l.Title)))
            .ToList();
    }

    private static string? Resolve(Uri? baseUri, string href)
    {
        href = href.Trim();
        if (!href.StartsWith('/') && Uri.TryCreate(href, UriKind.Absolute, out var absolute))
        {
            return absolute.Scheme is "http" or "https" ? absolute.AbsoluteUri : null;
        }

        return baseUri is not null && Uri.TryCreate(baseUri, href, out var resolved) && resolved.Scheme is "http" or "https" ? resolved.AbsoluteUri : null;
    }
}
