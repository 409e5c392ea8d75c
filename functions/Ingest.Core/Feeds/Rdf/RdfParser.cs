using System.Xml.Linq;
using Ingest.Core.Feeds.Xml;

namespace Ingest.Core.Feeds.Rdf;

/// <summary>The RDF family: RSS 1.0 and Netscape's RSS 0.90, whose items sit beside the channel rather than in it.</summary>
internal static class RdfParser
{
    private static readonly XNamespace Dc = FeedNamespaces.DublinCore;

    public static Feed Parse(XElement rdf, FeedXml xml, FeedParserOptions options)
    {
        var ns = rdf.Elements().Any(e => e.Name.Namespace == FeedNamespaces.Rss090) ? FeedNamespaces.Rss090 : FeedNamespaces.Rss10;
        var format = ns == FeedNamespaces.Rss090 ? FeedFormat.Rss09x : FeedFormat.Rss10;
        var channel = rdf.Element(ns + "channel") ?? new XElement(ns + "channel");
        var siteLink = xml.Url(channel, FeedXml.Text(channel, ns + "link"));
        xml.UseSiteLinkAsBase(siteLink);

        var items = FeedItems.Take(rdf.Elements(ns + "item").ToList(), options, xml.Warnings)
            .Select((item, index) =>
            {
                var link = xml.Url(item, FeedXml.Text(item, ns + "link"));
                return new FeedItem(
                    item.Attribute(FeedNamespaces.Rdf + "about")?.Value.Trim() ?? link,
                    FeedXml.PlainText(item.Element(ns + "title")),
                    link,
                    xml.Date(item.Element(Dc + "date"), $"item {index + 1} dc:date"),
                    null,
                    FeedXml.Text(item, ns + "description"),
                    FeedXml.Text(item, FeedNamespaces.Content + "encoded"),
                    FeedItems.Distinct(item.Elements(Dc + "creator").Select(FeedXml.PlainText)),
                    FeedItems.Distinct(item.Elements(Dc + "subject").Select(FeedXml.PlainText)),
                    []);
            })
            .ToList();

        return new Feed(
            format,
            FeedXml.PlainText(channel.Element(ns + "title")),
            siteLink,
            FeedXml.PlainText(channel.Element(ns + "description")),
            FeedXml.Text(channel, Dc + "language"),
            items,
            xml.Warnings);
    }
}
