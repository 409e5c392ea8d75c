using Ingest.Core.Feeds.Rss;
using Ingest.Core.Feeds.Xml;

namespace Ingest.Core.Feeds.Rdf;

/// <summary>The RDF family: RSS 1.0 and Netscape's RSS 0.90, whose items sit beside the channel rather than in it.</summary>
internal static class RdfParser
{
    public static Feed Parse(FeedXml xml, FeedParserOptions options)
    {
        var cursor = xml.Cursor;
        var channel = new ChannelFields(options) { RootLanguage = cursor.Attribute("lang", FeedNamespaces.Xml) };
        var format = FeedFormat.Rss10;
        var root = cursor.Children();
        while (cursor.NextChild(root))
        {
            if (!IsRss(cursor))
            {
                continue;
            }

            if (cursor.NamespaceUri == FeedNamespaces.Rss090)
            {
                format = FeedFormat.Rss090;
            }

            switch (cursor.LocalName)
            {
                case "channel":
                    Channel(xml, channel);
                    break;
                case "item" when channel.MakeRoomForItem():
                    channel.Add(Item(xml, channel.ItemIndex));
                    break;
            }
        }

        return channel.ToFeed(format, xml.Warnings);
    }

    /// <summary>An RSS element: in the RSS 1.0 or 0.90 namespace, or in none when a feed left the namespace out.</summary>
    private static bool IsRss(FeedXmlCursor cursor) =>
        cursor.NamespaceUri is FeedNamespaces.Rss10 or FeedNamespaces.Rss090 or "";

    private static void Channel(FeedXml xml, ChannelFields channel)
    {
        var cursor = xml.Cursor;
        var depth = cursor.Children();
        while (cursor.NextChild(depth))
        {
            _ = IsRss(cursor) ? RssElements.TryReadChannel(xml, channel) : ExtensionElements.TryReadChannel(xml, channel);
        }
    }

    private static FeedItem Item(FeedXml xml, int index)
    {
        var cursor = xml.Cursor;
        var item = new ItemFields { Id = cursor.Attribute("about", FeedNamespaces.Rdf)?.Trim() };
        var depth = cursor.Children();
        while (cursor.NextChild(depth))
        {
            _ = IsRss(cursor) ? RssElements.TryReadItem(xml, item, index) : ExtensionElements.TryReadItem(xml, item, "item", index);
        }

        return item.ToItem();
    }
}
