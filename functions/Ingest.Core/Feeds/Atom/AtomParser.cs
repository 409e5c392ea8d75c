using System.Globalization;
using System.Net;
using System.Text;
using System.Xml.Linq;
using Ingest.Core.Feeds.Xml;

namespace Ingest.Core.Feeds.Atom;

/// <summary>Atom 1.0 and its predecessor 0.3, including text constructs of type text, html and xhtml, and xml:base.</summary>
internal static class AtomParser
{
    public static Feed Parse(XElement feed, FeedXml xml, FeedParserOptions options, bool legacy)
    {
        var ns = feed.Name.Namespace;
        var siteLink = Link(feed, ns, "alternate", xml);
        xml.UseSiteLinkAsBase(siteLink);
        var items = FeedItems.Take(feed.Elements(ns + "entry").ToList(), options, xml.Warnings)
            .Select((entry, index) => Entry(entry, ns, index, xml, legacy))
            .ToList();

        return new Feed(
            legacy ? FeedFormat.Atom03 : FeedFormat.Atom10,
            Plain(feed.Element(ns + "title"), legacy),
            siteLink,
            Plain(feed.Element(ns + (legacy ? "tagline" : "subtitle")), legacy),
            feed.Attribute(XNamespace.Xml + "lang")?.Value.Trim(),
            items,
            xml.Warnings);
    }

    private static FeedItem Entry(XElement entry, XNamespace ns, int index, FeedXml xml, bool legacy)
    {
        var what = $"entry {index + 1}";
        var published = legacy
            ? xml.Date(entry.Element(ns + "issued"), $"{what} issued") ?? xml.Date(entry.Element(ns + "created"), $"{what} created")
            : xml.Date(entry.Element(ns + "published"), $"{what} published");
        var updated = xml.Date(entry.Element(ns + (legacy ? "modified" : "updated")), $"{what} {(legacy ? "modified" : "updated")}");
        var link = Link(entry, ns, "alternate", xml);
        var categories = entry.Elements(ns + "category")
            .Select(c => c.Attribute("label")?.Value ?? c.Attribute("term")?.Value)
            .Concat(entry.Elements(FeedNamespaces.DublinCore + "subject").Select(FeedXml.Text));

        return new FeedItem(
            FeedXml.Text(entry, ns + "id") ?? link,
            Plain(entry.Element(ns + "title"), legacy),
            link,
            published,
            updated,
            Html(entry.Element(ns + "summary"), legacy),
            Html(entry.Element(ns + "content"), legacy),
            FeedItems.Distinct(entry.Elements(ns + "author").Select(a => FeedXml.PlainText(a.Element(ns + "name")))),
            FeedItems.Distinct(categories),
            entry.Elements(ns + "link")
                .Where(l => l.Attribute("rel")?.Value == "enclosure")
                .Select(l => (Url: xml.Url(l, l.Attribute("href")?.Value), Type: l.Attribute("type")?.Value, Length: l.Attribute("length")?.Value))
                .Where(l => l.Url is not null)
                .Select(l => new FeedEnclosure(l.Url!, l.Type, long.TryParse(l.Length, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null))
                .ToList());
    }

    /// <summary>The link with the wanted rel (no rel means alternate), preferring an HTML one.</summary>
    private static string? Link(XElement parent, XNamespace ns, string rel, FeedXml xml)
    {
        var link = parent.Elements(ns + "link")
            .Where(l => (l.Attribute("rel")?.Value.Trim() ?? "alternate") == rel)
            .OrderBy(l => l.Attribute("type")?.Value is null or "text/html" ? 0 : 1)
            .FirstOrDefault();
        return link is null ? null : xml.Url(link, link.Attribute("href")?.Value);
    }

    /// <summary>A text construct as display HTML: text is escaped, html kept, xhtml serialised without its namespace.</summary>
    private static string? Html(XElement? construct, bool legacy)
    {
        if (construct is null)
        {
            return null;
        }

        var type = construct.Attribute("type")?.Value.Trim().ToLowerInvariant() ?? "text";
        var mode = construct.Attribute("mode")?.Value.Trim().ToLowerInvariant();
        if (legacy)
        {
            return mode switch
            {
                "xml" => InnerXhtml(construct),
                "base64" => TryBase64(FeedXml.Text(construct)),
                _ => type.Contains("html", StringComparison.Ordinal) ? FeedXml.Text(construct) : Escape(FeedXml.Text(construct)),
            };
        }

        return type switch
        {
            "html" or "text/html" => FeedXml.Text(construct),
            "xhtml" or "application/xhtml+xml" => InnerXhtml(construct),
            _ => Escape(FeedXml.Text(construct)),
        };
    }

    /// <summary>A title or subtitle as plain text; a text construct is literal, so it is never stripped of "tags".</summary>
    private static string? Plain(XElement? construct, bool legacy)
    {
        var isText = (construct?.Attribute("type")?.Value.Trim() ?? "text") is "text" or "text/plain" && construct?.Attribute("mode") is null;
        return isText
            ? FeedXml.Text(construct) is { } text ? Text.HtmlText.NormalizeWhitespace(text) : null
            : Text.HtmlText.ToPlainText(Html(construct, legacy));
    }

    private static string? Escape(string? text) => text is null ? null : WebUtility.HtmlEncode(text);

    private static string? InnerXhtml(XElement construct)
    {
        // xhtml content is one <div> whose children are the content; serialise them as plain HTML.
        var container = construct.Elements().Count() == 1 && construct.Elements().Single().Name.LocalName == "div"
            ? construct.Elements().Single()
            : construct;
        var html = string.Concat(container.Nodes().Select(n => WithoutNamespaces(n).ToString(SaveOptions.DisableFormatting))).Trim();
        return html.Length == 0 ? null : html;
    }

    private static XNode WithoutNamespaces(XNode node) => node is XElement element
        ? new XElement(
            element.Name.LocalName,
            element.Attributes().Where(a => !a.IsNamespaceDeclaration).Select(a => new XAttribute(a.Name.LocalName, a.Value)),
            element.Nodes().Select(WithoutNamespaces))
        : node;

    private static string? TryBase64(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var written) ? Encoding.UTF8.GetString(buffer, 0, written) : null;
    }
}
