using System.Globalization;
using Ingest.Core.Feeds.Xml;

namespace Ingest.Core.Feeds.Rss;

/// <summary>
/// The RSS vocabulary of channels and items, shared by RSS 0.9x/2.0 and the RDF family (RSS 1.0 and 0.90 use a
/// subset of it). The caller decides that the element at the cursor is an RSS one; these read it.
/// </summary>
internal static class RssElements
{
    /// <summary>Reads a channel element the RSS way; false when it is none of RSS's (items are the caller's).</summary>
    public static bool TryReadChannel(FeedXml xml, ChannelFields channel)
    {
        switch (xml.Cursor.LocalName)
        {
            case "title":
                channel.Title ??= xml.PlainText();
                return true;
            case "link":
                channel.Link ??= xml.TextUrl();
                xml.UseSiteLinkAsBase(channel.Link);
                return true;
            case "description":
                channel.Description ??= xml.PlainText();
                return true;
            case "language":
                channel.Language ??= xml.Text();
                return true;
            case "ttl":
                channel.TimeToLive ??= int.TryParse(xml.Text(), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) && minutes > 0
                    ? TimeSpan.FromMinutes(minutes)
                    : null;
                return true;
        }

        return false;
    }

    /// <summary>Reads an item element the RSS way; false when it is none of RSS's.</summary>
    public static bool TryReadItem(FeedXml xml, ItemFields item, int index)
    {
        var cursor = xml.Cursor;
        switch (cursor.LocalName)
        {
            case "title":
                item.Title ??= xml.PlainText();
                return true;
            case "link":
                item.Link ??= xml.TextUrl();
                return true;
            case "guid":
                Guid(xml, item);
                return true;
            case "pubDate":
                item.Published = xml.Date("item", index) ?? item.Published;
                return true;
            case "description" or "summary":
                // "summary" is no RSS element, but feeds write it: beside a description, the later of the two is the content.
                item.OfferSummary(cursor.LocalName, xml.Html());
                return true;
            case "fullitem":
                // An old Userland extension for the whole article beside the description.
                item.Content ??= xml.Html();
                return true;
            case "author":
                item.AddAuthor(xml.Text());
                return true;
            case "category":
                item.AddCategory(xml.PlainText());
                return true;
            case "tags" or "keywords":
                // Non-standard lists of tags, comma-separated where there are several: categories, as readers map them.
                foreach (var tag in (xml.PlainText() ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    item.AddCategory(tag);
                }

                return true;
            case "enclosure":
                item.AddEnclosure(xml.AttributeUrl("url"), cursor.Attribute("type"), cursor.Attribute("length"));
                return true;
        }

        return false;
    }

    private static void Guid(FeedXml xml, ItemFields item)
    {
        var isPermaLink = !string.Equals(xml.Cursor.Attribute("isPermaLink")?.Trim(), "false", StringComparison.OrdinalIgnoreCase);
        var baseUri = xml.Cursor.BaseUri;
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
