using Ingest.Core.Feeds.Xml;

namespace Ingest.Core.Feeds.Atom;

/// <summary>
/// Atom 1.0 and its predecessor 0.3. Both vocabularies are read whatever the version, so feeds in a draft
/// namespace, or in none, come out whole: <c>published</c> or <c>issued</c>/<c>created</c>, <c>updated</c>
/// or <c>modified</c>, <c>subtitle</c> or <c>tagline</c>.
/// </summary>
internal static class AtomParser
{
    public static Feed Parse(FeedXml xml, FeedParserOptions options)
    {
        var cursor = xml.Cursor;
        var atomNamespace = cursor.NamespaceUri;
        var format = Format(cursor, xml.Warnings);
        var channel = new ChannelFields(options) { RootLanguage = cursor.Attribute("lang", FeedNamespaces.Xml) };
        var alternate = new AlternateLink();
        var root = cursor.Children();
        while (cursor.NextChild(root))
        {
            if (!IsAtom(cursor, atomNamespace))
            {
                ExtensionElements.TryReadChannel(xml, channel);
                continue;
            }

            switch (cursor.LocalName)
            {
                case "title":
                    channel.Title ??= AtomTextConstruct.ReadPlain(xml);
                    break;
                case "subtitle" or "tagline":
                    channel.Description ??= AtomTextConstruct.ReadPlain(xml);
                    break;
                case "link":
                    if (alternate.Offer(xml))
                    {
                        channel.Link = alternate.Href;
                        xml.UseSiteLinkAsBase(channel.Link);
                    }

                    break;
                case "entry" when channel.MakeRoomForItem():
                    channel.Add(Entry(xml, atomNamespace, channel.ItemIndex));
                    break;
            }
        }

        return channel.ToFeed(format, xml.Warnings);
    }

    private static FeedFormat Format(FeedXmlCursor cursor, List<string> warnings)
    {
        switch (cursor.NamespaceUri)
        {
            case FeedNamespaces.Atom10:
                return FeedFormat.Atom10;
            case FeedNamespaces.Atom03:
                return FeedFormat.Atom03;
        }

        var legacy = cursor.Attribute("version")?.Trim() is "0.3" or "0.2" or "0.1";
        warnings.Add(cursor.NamespaceUri.Length == 0
            ? $"Atom feed without the Atom namespace; read as Atom {(legacy ? "0.3" : "1.0")}"
            : $"Atom feed in the namespace {cursor.NamespaceUri}; read as Atom {(legacy ? "0.3" : "1.0")}");
        return legacy ? FeedFormat.Atom03 : FeedFormat.Atom10;
    }

    private static bool IsAtom(FeedXmlCursor cursor, string atomNamespace) =>
        cursor.NamespaceUri == atomNamespace || cursor.NamespaceUri.Length == 0;

    private static FeedItem Entry(FeedXml xml, string atomNamespace, int index)
    {
        var cursor = xml.Cursor;
        var entry = new ItemFields();
        var alternate = new AlternateLink();
        DateTimeOffset? issued = null, created = null;
        var depth = cursor.Children();
        while (cursor.NextChild(depth))
        {
            if (!IsAtom(cursor, atomNamespace))
            {
                ExtensionElements.TryReadItem(xml, entry, "entry", index);
                continue;
            }

            switch (cursor.LocalName)
            {
                case "id":
                    entry.Id ??= xml.Text();
                    break;
                case "title":
                    entry.Title ??= AtomTextConstruct.ReadPlain(xml);
                    break;
                case "link" when cursor.Attribute("rel")?.Trim() == "enclosure":
                    var (type, length) = (cursor.Attribute("type"), cursor.Attribute("length"));
                    entry.AddEnclosure(Href(xml), type, length);
                    break;
                case "link":
                    if (alternate.Offer(xml))
                    {
                        entry.Link = alternate.Href;
                    }

                    break;
                case "published":
                    entry.Published = xml.Date("entry", index) ?? entry.Published;
                    break;
                case "issued":
                    issued = xml.Date("entry", index) ?? issued;
                    break;
                case "created":
                    created = xml.Date("entry", index) ?? created;
                    break;
                case "updated" or "modified":
                    entry.Updated = xml.Date("entry", index) ?? entry.Updated;
                    break;
                case "summary":
                    entry.Summary ??= AtomTextConstruct.Read(xml);
                    break;
                case "content":
                    entry.Content ??= AtomTextConstruct.Read(xml);
                    break;
                case "author":
                    entry.AddAuthor(PersonName(xml, atomNamespace));
                    break;
                case "category":
                    entry.AddCategory(cursor.Attribute("term") ?? cursor.Attribute("label"));
                    break;
            }
        }

        entry.Published ??= issued ?? created;
        return entry.ToItem();
    }

    private static string? PersonName(FeedXml xml, string atomNamespace)
    {
        var cursor = xml.Cursor;
        string? name = null, email = null;
        var depth = cursor.Children();
        while (cursor.NextChild(depth))
        {
            if (IsAtom(cursor, atomNamespace))
            {
                switch (cursor.LocalName)
                {
                    case "name":
                        name ??= xml.PlainText();
                        break;
                    case "email":
                        email ??= xml.Text();
                        break;
                }
            }
        }

        // A person with only an address is still an author worth showing.
        return name ?? email;
    }

    /// <summary>Chooses among a parent's links the alternate one (no rel means alternate), preferring an HTML page.</summary>
    private sealed class AlternateLink
    {
        private bool _isHtml;

        public string? Href { get; private set; }

        /// <summary>Considers the link at the cursor; true when it became the chosen one.</summary>
        public bool Offer(FeedXml xml)
        {
            if ((xml.Cursor.Attribute("rel")?.Trim() ?? "alternate") != "alternate" || (Href is not null && _isHtml))
            {
                return false;
            }

            var isHtml = xml.Cursor.Attribute("type")?.Trim() is null or "text/html";
            var href = Href(xml);
            if (href is null)
            {
                return false;
            }

            Href = href;
            _isHtml = isHtml;
            return true;
        }
    }

    /// <summary>A link's address: its <c>href</c>, or, in feeds that wrote it the RSS way, its text. Read last: the text moves the cursor.</summary>
    private static string? Href(FeedXml xml) => xml.AttributeUrl("href") ?? (xml.Cursor.Attribute("href") is null ? xml.TextUrl() : null);
}
