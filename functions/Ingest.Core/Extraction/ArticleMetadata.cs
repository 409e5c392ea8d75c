using System.Text.Json;
using HtmlAgilityPack;
using Ingest.Core.Feeds.Dates;
using Ingest.Core.Text;

namespace Ingest.Core.Extraction;

/// <summary>Title, canonical address, publication time and language, from the places publishers put them.</summary>
internal static class ArticleMetadata
{
    public static string? Title(HtmlDocument document) =>
        HtmlText.ToPlainText(Meta(document, "og:title"))
        ?? HtmlText.ToPlainText(document.DocumentNode.SelectSingleNode("//article//h1 | //h1")?.InnerHtml)
        ?? HtmlText.ToPlainText(document.DocumentNode.SelectSingleNode("//title")?.InnerHtml);

    public static string? CanonicalUrl(HtmlDocument document, Uri? pageUri)
    {
        var href = document.DocumentNode.SelectSingleNode("//link[@rel='canonical' and @href]")?.GetAttributeValue("href", null)
            ?? Meta(document, "og:url");
        if (href is null)
        {
            return null;
        }

        href = System.Net.WebUtility.HtmlDecode(href).Trim();
        var resolved = !href.StartsWith('/') && Uri.TryCreate(href, UriKind.Absolute, out var absolute) ? absolute
            : pageUri is not null && Uri.TryCreate(pageUri, href, out var relative) ? relative
            : null;
        return resolved is { Scheme: "http" or "https" } ? resolved.AbsoluteUri : null;
    }

    public static DateTimeOffset? PublishedAt(HtmlDocument document)
    {
        var candidates = new[]
            {
                Meta(document, "article:published_time"),
                JsonLdDatePublished(document),
                Meta(document, "date") ?? Meta(document, "pubdate") ?? Meta(document, "DC.date.issued"),
                document.DocumentNode.SelectSingleNode("//article//time[@datetime] | //time[@datetime]")?.GetAttributeValue("datetime", null),
            };
        return candidates.Select(FeedDateParser.Parse).FirstOrDefault(d => d.Value is not null).Value;
    }

    public static string? Language(HtmlDocument document)
    {
        var lang = document.DocumentNode.SelectSingleNode("//html[@lang]")?.GetAttributeValue("lang", null)?.Trim();
        if (!string.IsNullOrEmpty(lang))
        {
            return lang;
        }

        var locale = Meta(document, "og:locale")
            ?? document.DocumentNode.SelectSingleNode("//meta[@http-equiv and translate(@http-equiv,'CONTENT-LANGUAGE','content-language')='content-language']")?.GetAttributeValue("content", null);
        return string.IsNullOrWhiteSpace(locale) ? null : locale.Trim().Replace('_', '-');
    }

    private static string? Meta(HtmlDocument document, string name)
    {
        foreach (var meta in document.DocumentNode.SelectNodes("//meta[@content]") ?? Enumerable.Empty<HtmlNode>())
        {
            var key = meta.GetAttributeValue("property", null) ?? meta.GetAttributeValue("name", null) ?? meta.GetAttributeValue("itemprop", null);
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                var content = meta.GetAttributeValue("content", "").Trim();
                return content.Length == 0 ? null : System.Net.WebUtility.HtmlDecode(content);
            }
        }

        return null;
    }

    private static string? JsonLdDatePublished(HtmlDocument document)
    {
        foreach (var script in document.DocumentNode.SelectNodes("//script[@type='application/ld+json']") ?? Enumerable.Empty<HtmlNode>())
        {
            try
            {
                using var json = JsonDocument.Parse(script.InnerText, new JsonDocumentOptions { AllowTrailingCommas = true, MaxDepth = 32 });
                if (Find(json.RootElement) is { } date)
                {
                    return date;
                }
            }
            catch (JsonException)
            {
                // Broken JSON-LD is common; the other sources still count.
            }
        }

        return null;
    }

    private static string? Find(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object when element.TryGetProperty("datePublished", out var date) && date.ValueKind == JsonValueKind.String => date.GetString(),
        JsonValueKind.Object => element.TryGetProperty("@graph", out var graph) ? Find(graph) : null,
        JsonValueKind.Array => element.EnumerateArray().Select(Find).FirstOrDefault(d => d is not null),
        _ => null,
    };
}
