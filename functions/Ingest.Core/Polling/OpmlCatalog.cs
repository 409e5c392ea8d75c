using System.Globalization;
using System.Text;
using System.Xml;
using Ingest.Core.Model;

namespace Ingest.Core.Polling;

/// <summary>
/// The feed catalogue as OPML 2.0, the list format every feed reader imports and exports: one <c>outline</c> of
/// type <c>rss</c> per feed (<c>xmlUrl</c>, <c>htmlUrl</c>, <c>language</c>), grouped under an outline per country.
/// Reading takes any reader's export: nested folders, <c>xmlUrl</c> in any case, titles from <c>title</c> or
/// <c>text</c>; nothing external is resolved, no DTD is read, and the file's size is capped.
/// </summary>
public static class OpmlCatalog
{
    /// <summary>The largest OPML file read; a reader's export of thousands of feeds is well under it.</summary>
    public const int MaxBytes = 4 * 1024 * 1024;

    public static string Write(IEnumerable<CatalogEntry> entries, string title, DateTimeOffset created)
    {
        using var output = new MemoryStream();
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false) };
        using (var xml = XmlWriter.Create(output, settings))
        {
            xml.WriteStartElement("opml");
            xml.WriteAttributeString("version", "2.0");
            xml.WriteStartElement("head");
            xml.WriteElementString("title", title);
            xml.WriteElementString("dateCreated", created.ToString("r", CultureInfo.InvariantCulture));
            xml.WriteEndElement();
            xml.WriteStartElement("body");
            foreach (var country in entries.GroupBy(e => e.Country ?? "").OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                if (country.Key.Length > 0)
                {
                    xml.WriteStartElement("outline");
                    xml.WriteAttributeString("text", country.Key);
                }

                foreach (var entry in country)
                {
                    Outline(xml, entry);
                }

                if (country.Key.Length > 0)
                {
                    xml.WriteEndElement();
                }
            }

            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        return Encoding.UTF8.GetString(output.ToArray());
    }

    private static void Outline(XmlWriter xml, CatalogEntry entry)
    {
        var feed = entry.Feed;
        xml.WriteStartElement("outline");
        xml.WriteAttributeString("type", "rss");
        xml.WriteAttributeString("text", feed.Title ?? feed.Id);
        xml.WriteAttributeString("title", feed.Title ?? feed.Id);
        xml.WriteAttributeString("xmlUrl", feed.Url);
        if (entry.Home is { } home)
        {
            xml.WriteAttributeString("htmlUrl", home);
        }

        if (feed.Language is { } language)
        {
            xml.WriteAttributeString("language", language);
        }

        xml.WriteEndElement();
    }

    /// <summary>
    /// Every feed of an OPML file as a catalogue entry: an id made from its title or host, its language and country
    /// when the catalogue knows them (a folder named by a country code gives the country), and <paramref name="provenance"/>
    /// as where its address was found. A feed whose address is not http(s), or that comes twice, is passed over. Ids
    /// are unique within the file and apart from <paramref name="takenIds"/> (those of the catalogue it joins).
    /// </summary>
    public static IReadOnlyList<CatalogEntry> Read(byte[] opml, string provenance, IEnumerable<string>? takenIds = null)
    {
        if (opml.Length > MaxBytes)
        {
            throw new FormatException($"the OPML file is larger than {MaxBytes / (1024 * 1024)} MB");
        }

        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = MaxBytes, IgnoreComments = true };
        var entries = new List<CatalogEntry>();
        var ids = new HashSet<string>(takenIds ?? [], StringComparer.Ordinal);
        var urls = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var folders = new Stack<string?>();
        try
        {
            using var xml = XmlReader.Create(new MemoryStream(opml), settings);
            if (xml.MoveToContent() != XmlNodeType.Element || xml.LocalName != "opml")
            {
                throw new FormatException("not an OPML file: its root element is not <opml>");
            }

            while (xml.Read())
            {
                if (xml.NodeType == XmlNodeType.EndElement && xml.LocalName == "outline")
                {
                    folders.Pop();
                }
                else if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "outline")
                {
                    var entry = Entry(xml, folders.FirstOrDefault(f => f is not null), provenance, ids, urls);
                    if (entry is not null)
                    {
                        entries.Add(entry);
                    }

                    if (!xml.IsEmptyElement)
                    {
                        folders.Push(entry is null ? Attribute(xml, "text") ?? Attribute(xml, "title") : null);
                    }
                }
            }
        }
        catch (XmlException ex)
        {
            throw new FormatException($"the OPML file is not well-formed XML: {ex.Message}", ex);
        }

        return entries;
    }

    private static CatalogEntry? Entry(XmlReader xml, string? folder, string provenance, HashSet<string> ids, HashSet<string> urls)
    {
        if (!Uri.TryCreate(Attribute(xml, "xmlUrl"), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || !urls.Add(url.AbsoluteUri))
        {
            return null;
        }

        var title = Attribute(xml, "title") ?? Attribute(xml, "text");
        var home = Uri.TryCreate(Attribute(xml, "htmlUrl"), UriKind.Absolute, out var homeUri) && homeUri.Scheme is "http" or "https" ? homeUri.AbsoluteUri : null;
        var language = Attribute(xml, "language")?.ToLowerInvariant() is { } tag && FeedCatalog.Languages.Contains(tag.Split('-')[0]) ? tag.Split('-')[0] : null;
        var country = folder?.ToUpperInvariant() is { } code && FeedCatalog.Countries.Contains(code) ? code : null;
        var id = UniqueId(title ?? url.Host, ids);
        return new CatalogEntry(new FeedRecord(id, url.AbsoluteUri, title, language), home, country, provenance);
    }

    private static string? Attribute(XmlReader xml, string name)
    {
        for (var more = xml.MoveToFirstAttribute(); more; more = xml.MoveToNextAttribute())
        {
            if (xml.LocalName.Equals(name, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(xml.Value))
            {
                var value = xml.Value.Trim();
                xml.MoveToElement();
                return value;
            }
        }

        xml.MoveToElement();
        return null;
    }

    /// <summary>The catalogue's id rules: 2–63 lower-case letters, digits and dashes, unique among <paramref name="ids"/>.</summary>
    private static string UniqueId(string name, HashSet<string> ids)
    {
        var folded = Topics.TextNormalizer.Normalize(name).Replace(' ', '-');
        var slug = new string([.. folded.Where(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')]).Trim('-');
        slug = slug.Length < 2 ? "feed" : slug[..Math.Min(slug.Length, 56)].TrimEnd('-');
        var id = slug;
        for (var n = 2; !ids.Add(id); n++)
        {
            id = $"{slug}-{n}";
        }

        return id;
    }
}
