using System.Globalization;
using System.Text.RegularExpressions;
using Ingest.Core.Feeds.Xml;

namespace Ingest.Core.Feeds.Rss;

/// <summary>
/// RSS 0.91–0.94 and 2.0, with the modules feeds mix in. The RSS elements are read in whatever namespace the
/// root is in: none, as the specifications say, or a default namespace such as Userland's old RSS 2 one.
/// </summary>
internal static partial class RssParser
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
            if (reader.IsRss("channel"))
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

        public bool IsRss(string localName) =>
            _cursor.LocalName == localName && (_cursor.NamespaceUri == rssNamespace || _cursor.NamespaceUri.Length == 0);

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
            if (!IsRss(_cursor.LocalName))
            {
                ExtensionElements.TryReadChannel(xml, channel);
                return;
            }

            switch (_cursor.LocalName)
            {
                case "title":
                    channel.Title ??= xml.PlainText();
                    break;
                case "link":
                    channel.Link ??= xml.TextUrl();
                    xml.UseSiteLinkAsBase(channel.Link);
                    break;
                case "description":
                    channel.Description ??= xml.PlainText();
                    break;
                case "language":
                    channel.Language ??= xml.Text();
                    break;
                case "ttl":
                    channel.TimeToLive ??= int.TryParse(xml.Text(), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) && minutes > 0
                        ? TimeSpan.FromMinutes(minutes)
                        : null;
                    break;
                case "item":
                    Item();
                    break;
            }
        }

        public void Item()
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
                if (!IsRss(_cursor.LocalName))
                {
                    ExtensionElements.TryReadItem(xml, item, "item", index);
                    continue;
                }

                switch (_cursor.LocalName)
                {
                    case "title":
                        item.Title ??= xml.PlainText();
                        break;
                    case "link":
                        item.Link ??= xml.TextUrl();
                        break;
                    case "guid":
                        Guid(item);
                        break;
                    case "pubDate":
                        item.Published ??= xml.Date("item", index);
                        break;
                    case "description":
                        item.Summary ??= xml.Html();
                        break;
                    case "author":
                        item.AddAuthor(Author(xml.Text()));
                        break;
                    case "category":
                        item.AddCategory(xml.PlainText());
                        break;
                    case "enclosure":
                        item.AddEnclosure(xml.AttributeUrl("url"), _cursor.Attribute("type"), _cursor.Attribute("length"));
                        break;
                }
            }

            channel.Add(item.ToItem());
        }

        private void Guid(ItemFields item)
        {
            var isPermaLink = !string.Equals(_cursor.Attribute("isPermaLink")?.Trim(), "false", StringComparison.OrdinalIgnoreCase);
            var baseUri = _cursor.BaseUri;
            var guid = xml.Text();
            if (guid is null || item.Id is not null)
            {
                return;
            }

            item.Id = guid;
            if (isPermaLink && guid.StartsWith("http", StringComparison.OrdinalIgnoreCase))
            {
                item.Permalink = (guid, baseUri);
            }
        }
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

    [GeneratedRegex(@"^\s*\S+@\S+\s*\((?<name>[^)]+)\)\s*$|^\s*(?<name>[^<]+?)\s*<\S+@\S+>\s*$")]
    private static partial Regex AuthorName();
}
