namespace Ingest.Core.Feeds.Xml;

/// <summary>
/// The module elements feeds of every format mix in: Dublin Core and DCMI terms, <c>content:encoded</c> and
/// <c>xhtml:body</c>, Media RSS, <c>itunes:author</c> and <c>atom:link</c> in RSS. Each reader tries these for an element that is not its own.
/// </summary>
internal static class ExtensionElements
{
    public static bool TryReadItem(FeedXml xml, ItemFields item, string itemKind, int index)
    {
        var cursor = xml.Cursor;
        switch (cursor.NamespaceUri)
        {
            case FeedNamespaces.DublinCore or FeedNamespaces.DublinCoreTerms:
                switch (cursor.LocalName)
                {
                    case "title":
                        item.DcTitle ??= xml.PlainText();
                        return true;
                    case "description" or "abstract":
                        item.DcDescription ??= xml.Html();
                        return true;
                    case "creator" or "contributor" or "author":
                        item.AddAuthor(xml.PlainText());
                        return true;
                    case "subject":
                        item.AddCategory(xml.PlainText());
                        return true;
                    case "date" or "issued" or "created" or "available":
                        item.DcPublished = xml.Date(itemKind, index) ?? item.DcPublished;
                        return true;
                    case "modified":
                        item.DcModified = xml.Date(itemKind, index) ?? item.DcModified;
                        return true;
                    case "identifier":
                        item.DcIdentifier ??= xml.Text();
                        return true;
                }

                return false;
            case FeedNamespaces.Itunes when cursor.LocalName == "author":
                item.AddAuthor(xml.PlainText());
                return true;
            case FeedNamespaces.Content when cursor.LocalName == "encoded":
            case FeedNamespaces.Xhtml when cursor.LocalName == "body":
                // content:encoded, or the whole article as an XHTML body: the content beside the summary.
                item.Content ??= xml.Html();
                return true;
            case FeedNamespaces.Media when cursor.LocalName == "content":
                item.AddEnclosure(xml.AttributeUrl("url"), cursor.Attribute("type"), cursor.Attribute("fileSize"));
                return true;
            case FeedNamespaces.Media when cursor.LocalName == "group":
                var group = cursor.Children();
                while (cursor.NextChild(group))
                {
                    if (cursor.NamespaceUri == FeedNamespaces.Media && cursor.LocalName == "content")
                    {
                        item.AddEnclosure(xml.AttributeUrl("url"), cursor.Attribute("type"), cursor.Attribute("fileSize"));
                    }
                }

                return true;
            case FeedNamespaces.Atom10 when cursor.LocalName == "link":
                switch (cursor.Attribute("rel")?.Trim() ?? "alternate")
                {
                    case "alternate":
                        item.FallbackLink ??= xml.AttributeUrl("href");
                        break;
                    case "enclosure":
                        item.AddEnclosure(xml.AttributeUrl("href"), cursor.Attribute("type"), cursor.Attribute("length"));
                        break;
                }

                return true;
            case FeedNamespaces.Atom10 when cursor.LocalName == "updated":
                item.Updated = xml.Date(itemKind, index) ?? item.Updated;
                return true;
        }

        return false;
    }

    public static bool TryReadChannel(FeedXml xml, ChannelFields channel)
    {
        var cursor = xml.Cursor;
        switch (cursor.NamespaceUri, cursor.LocalName)
        {
            case (FeedNamespaces.DublinCore or FeedNamespaces.DublinCoreTerms, "title"):
                channel.DcTitle ??= xml.PlainText();
                return true;
            case (FeedNamespaces.DublinCore or FeedNamespaces.DublinCoreTerms, "description" or "abstract"):
                channel.DcDescription ??= xml.PlainText();
                return true;
            case (FeedNamespaces.DublinCore or FeedNamespaces.DublinCoreTerms, "language"):
                channel.DcLanguage ??= xml.Text();
                return true;
            case (FeedNamespaces.Atom10, "link") when (cursor.Attribute("rel")?.Trim() ?? "alternate") == "alternate":
                channel.AlternateLink ??= xml.AttributeUrl("href");
                return true;
        }

        return false;
    }
}
