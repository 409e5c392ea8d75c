using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Ingest.Core.Feeds.Xml;

namespace Ingest.Core.Feeds.Rss;

/// <summary>RSS 0.91–0.94 and 2.0, with the extensions feeds mix in: content:encoded, Dublin Core, Media RSS and atom:link.</summary>
internal static partial class RssParser
{
    private static readonly XNamespace Dc = FeedNamespaces.DublinCore;
    private static readonly XNamespace Atom = FeedNamespaces.Atom10;
    private static readonly XNamespace Media = FeedNamespaces.Media;

    public static Feed Parse(XElement rss, FeedXml xml, FeedParserOptions options)
    {
        var version = rss.Attribute("version")?.Value.Trim() ?? "";
        var format = version.StartsWith("0.9", StringComparison.Ordinal) ? FeedFormat.Rss09x : FeedFormat.Rss20;
        var channel = rss.Element("channel");
        if (channel is null)
        {
            xml.Warnings.Add("no <channel>; read the items under <rss>");
            channel = rss;
        }

        var siteLink = xml.Url(channel, FeedXml.Text(channel, "link")) ?? AlternateLink(channel, xml);
        xml.UseSiteLinkAsBase(siteLink);
        var itemElements = channel.Elements("item").Concat(channel == rss ? [] : rss.Elements("item")).ToList();
        var items = FeedItems.Take(itemElements, options, xml.Warnings)
            .Select((item, index) => Item(item, index, xml))
            .ToList();

        return new Feed(
            format,
            FeedXml.PlainText(channel.Element("title")),
            siteLink,
            FeedXml.PlainText(channel.Element("description")),
            FeedXml.Text(channel, "language") ?? FeedXml.Text(channel, Dc + "language"),
            items,
            xml.Warnings,
            int.TryParse(FeedXml.Text(channel, "ttl"), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) && minutes > 0
                ? TimeSpan.FromMinutes(minutes)
                : null);
    }

    private static FeedItem Item(XElement item, int index, FeedXml xml)
    {
        var guidElement = item.Element("guid");
        var guid = FeedXml.Text(guidElement);
        var guidIsLink = guid is not null
            && !string.Equals(guidElement!.Attribute("isPermaLink")?.Value.Trim(), "false", StringComparison.OrdinalIgnoreCase)
            && guid.StartsWith("http", StringComparison.OrdinalIgnoreCase);
        var link = xml.Url(item, FeedXml.Text(item, "link"))
            ?? AlternateLink(item, xml)
            ?? (guidIsLink ? xml.Url(item, guid) : null);

        var authors = item.Elements("author").Select(a => Author(FeedXml.Text(a)))
            .Concat(item.Elements(Dc + "creator").Select(FeedXml.PlainText));
        var categories = item.Elements("category").Concat(item.Elements(Dc + "subject")).Select(FeedXml.PlainText);

        return new FeedItem(
            guid ?? link,
            FeedXml.PlainText(item.Element("title")),
            link,
            xml.Date(item.Element("pubDate"), $"item {index + 1} pubDate") ?? xml.Date(item.Element(Dc + "date"), $"item {index + 1} dc:date"),
            xml.Date(item.Element(Atom + "updated"), $"item {index + 1} atom:updated"),
            FeedXml.Text(item, "description"),
            FeedXml.Text(item, FeedNamespaces.Content + "encoded"),
            FeedItems.Distinct(authors),
            FeedItems.Distinct(categories),
            Enclosures(item, xml));
    }

    /// <summary>RSS authors are "email (Name)" or "Name &lt;email&gt;"; the name is what a reader wants.</summary>
    private static string? Author(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var named = AuthorName().Match(text);
        return named.Success ? named.Groups["name"].Value.Trim() : text;
    }

    private static string? AlternateLink(XElement parent, FeedXml xml)
    {
        var link = parent.Elements(Atom + "link")
            .FirstOrDefault(l => (l.Attribute("rel")?.Value ?? "alternate") == "alternate");
        return link is null ? null : xml.Url(link, link.Attribute("href")?.Value);
    }

    private static List<FeedEnclosure> Enclosures(XElement item, FeedXml xml)
    {
        var enclosures = item.Elements("enclosure")
            .Select(e => (Element: e, Url: e.Attribute("url")?.Value, Type: e.Attribute("type")?.Value, Length: e.Attribute("length")?.Value));
        var media = item.Elements(Media + "content")
            .Concat(item.Elements(Media + "group").Elements(Media + "content"))
            .Select(e => (Element: e, Url: e.Attribute("url")?.Value, Type: e.Attribute("type")?.Value, Length: e.Attribute("fileSize")?.Value));

        return enclosures.Concat(media)
            .Select(e => (Url: xml.Url(e.Element, e.Url), e.Type, e.Length))
            .Where(e => e.Url is not null)
            .DistinctBy(e => e.Url)
            .Select(e => new FeedEnclosure(e.Url!, string.IsNullOrWhiteSpace(e.Type) ? null : e.Type.Trim(),
                long.TryParse(e.Length, NumberStyles.None, CultureInfo.InvariantCulture, out var length) ? length : null))
            .ToList();
    }

    [GeneratedRegex(@"^\s*\S+@\S+\s*\((?<name>[^)]+)\)\s*$|^\s*(?<name>[^<]+?)\s*<\S+@\S+>\s*$")]
    private static partial Regex AuthorName();
}
