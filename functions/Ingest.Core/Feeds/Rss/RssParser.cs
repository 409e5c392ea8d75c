using Ingest.Core.Feeds.Xml;

namespace Ingest.Core.Feeds.Rss;

/// <summary>
/// RSS 0.91–0.94 and 2.0, with the modules feeds mix in. The RSS elements are read in whatever namespace the
/// root is in: none, as the specifications say, or a default namespace such as Userland's old RSS 2 one.
/// </summary>
internal static class RssParser
{
    /// <summary>Reads the document from its root, <c>&lt;rss&gt;</c> or a bare <c>&lt;channel&gt;</c>.</summary>
    public static Feed Parse(FeedXml xml, FeedParserOptions options)
    {
        var cursor = xml.Cursor;
        var rssNamespace = cursor.NamespaceUri;
        if (rssNamespace.Length > 0)
        {
            xml.Warnings.Add($"RSS elements in the namespace {rssNamespace}; read as RSS");
        }

        var version = cursor.Attribute("version")?.Trim() ?? "";
        var format = version.StartsWith("0.9", StringComparison.Ordinal) ? FeedFormat.Rss09x : FeedFormat.Rss20;
        var channel = new ChannelFields(options) { RootLanguage = cursor.Attribute("lang", FeedNamespaces.Xml) };
        var reader = new Reader(xml, rssNamespace, channel);
        if (cursor.LocalName == "channel")
        {
            xml.Warnings.Add("no <rss> around the <channel>; read as RSS");
            reader.Channel();
            return channel.ToFeed(format, xml.Warnings);
        }

        var sawChannel = false;
        var root = cursor.Children();
        while (cursor.NextChild(root))
        {
            if (reader.IsRss && cursor.LocalName == "channel")
            {
                sawChannel = true;
                reader.Channel();
            }
            else
            {
                reader.ChannelChild();
            }
        }

        if (!sawChannel)
        {
            xml.Warnings.Add("no <channel>; read the items under <rss>");
        }

        return channel.ToFeed(format, xml.Warnings);
    }

    private sealed class Reader(FeedXml xml, string rssNamespace, ChannelFields channel)
    {
        private readonly FeedXmlCursor _cursor = xml.Cursor;

        /// <summary>Whether the element at the cursor is RSS's: in the root's namespace, or in none.</summary>
        public bool IsRss => _cursor.NamespaceUri == rssNamespace || _cursor.NamespaceUri.Length == 0;

        public void Channel()
        {
            var depth = _cursor.Children();
            while (_cursor.NextChild(depth))
            {
                ChannelChild();
            }
        }

        public void ChannelChild()
        {
            if (!IsRss)
            {
                ExtensionElements.TryReadChannel(xml, channel);
            }
            else if (_cursor.LocalName == "item")
            {
                Item();
            }
            else
            {
                RssElements.TryReadChannel(xml, channel);
            }
        }

        private void Item()
        {
            if (!channel.MakeRoomForItem())
            {
                return;
            }

            var index = channel.ItemIndex;
            var item = new ItemFields();
            var depth = _cursor.Children();
            while (_cursor.NextChild(depth))
            {
                _ = IsRss
                    ? RssElements.TryReadItem(xml, item, index)
                    : ExtensionElements.TryReadItem(xml, item, "item", index);
            }

            channel.Add(item.ToItem());
        }
    }
}
