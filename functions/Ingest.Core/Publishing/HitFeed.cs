using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using Ingest.Core.Model;
using Ingest.Core.Topics;

namespace Ingest.Core.Publishing;

/// <summary>
/// What a hit feed says about itself: its permanent id, title, subtitle, its own address as Atom and as JSON Feed, and
/// the page it stands for.
/// </summary>
public sealed record HitFeedHead(string Id, string Title, string Subtitle, Uri Atom, Uri Json, Uri Home);

/// <summary>
/// Latest hits as a feed, one entry per story (its best report, <see cref="FeedEntry"/>) across the feed's topics: the
/// article's title and link, the source, what matched and the snippet as the summary, published and found ("updated")
/// times, a category per topic. <see cref="Atom"/> writes Atom 1.0 with <see cref="XmlWriter"/> and
/// <see cref="JsonHitFeed.Write"/> JSON Feed 1.1 with a JSON writer, so everything from a feed is escaped by construction.
/// <see cref="ETag"/> and <see cref="LastModified"/> answer conditional GETs.
/// </summary>
public sealed record HitFeed(string Body, string ContentType, string ETag, DateTimeOffset LastModified)
{
    public const string AtomType = "application/atom+xml; charset=utf-8";

    /// <summary>How far back a hit feed looks for its latest hits.</summary>
    public static readonly TimeSpan Reach = TimeSpan.FromDays(30);

    /// <summary>A feed's body with the version tag and time it answers conditional GETs with.</summary>
    public static HitFeed Of(string body, string contentType, IReadOnlyList<FeedEntry> entries) =>
        new(body, contentType, "\"" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)))[..32] + "\"", LastUpdate(entries));

    /// <summary>When the newest entry last grew; the epoch for an empty feed.</summary>
    public static DateTimeOffset LastUpdate(IReadOnlyList<FeedEntry> entries) => entries.Count == 0 ? DateTimeOffset.UnixEpoch : entries.Max(e => e.Updated);

    /// <param name="topics">The feed's topics by id; hits of other topics are left out.</param>
    /// <param name="sources">Feed titles by feed id, to name each entry's source; an unnamed feed goes by its id.</param>
    public static HitFeed Atom(HitFeedHead head, IReadOnlyList<StoredHit> hits, IReadOnlyDictionary<string, TopicEntry> topics, IReadOnlyDictionary<string, string> sources)
    {
        var entries = FeedEntry.Select(hits, topics);
        var updated = LastUpdate(entries);

        var text = new StringBuilder();
        using (var xml = XmlWriter.Create(text, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = true, CheckCharacters = false }))
        {
            const string atom = "http://www.w3.org/2005/Atom";
            xml.WriteStartElement("feed", atom);
            xml.WriteElementString("title", atom, Clean(head.Title));
            xml.WriteElementString("subtitle", atom, Clean(head.Subtitle));
            xml.WriteElementString("id", atom, head.Id);
            xml.WriteElementString("updated", atom, Time(updated));
            Link(xml, atom, "self", head.Atom.AbsoluteUri, "application/atom+xml");
            Link(xml, atom, "alternate", head.Json.AbsoluteUri, JsonHitFeed.MediaType);
            Link(xml, atom, "alternate", head.Home.AbsoluteUri, "text/html");
            xml.WriteStartElement("author", atom);
            xml.WriteElementString("name", atom, "Ingest");
            xml.WriteEndElement();
            xml.WriteElementString("generator", atom, "Ingest");
            foreach (var entry in entries)
            {
                WriteEntry(xml, atom, entry, topics, sources);
            }

            xml.WriteEndElement();
        }

        return Of("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + text, AtomType, entries);
    }

    private static void WriteEntry(XmlWriter xml, string atom, FeedEntry entry, IReadOnlyDictionary<string, TopicEntry> topics, IReadOnlyDictionary<string, string> sources)
    {
        var hit = entry.Best;
        var source = Clean(sources.GetValueOrDefault(hit.FeedId, hit.FeedId));
        xml.WriteStartElement("entry", atom);
        xml.WriteElementString("title", atom, Clean(hit.Title));
        xml.WriteElementString("id", atom, entry.Id);
        if (SnippetMarks.SafeLink(hit.Url) is var link && link != "#")
        {
            Link(xml, atom, "alternate", link, null);
        }

        xml.WriteElementString("published", atom, Time(hit.PublishedAt));
        xml.WriteElementString("updated", atom, Time(entry.Updated));
        xml.WriteStartElement("author", atom);
        xml.WriteElementString("name", atom, source);
        xml.WriteEndElement();
        foreach (var topic in entry.TopicIds.Select(id => topics[id]))
        {
            xml.WriteStartElement("category", atom);
            xml.WriteAttributeString("term", topic.Id);
            xml.WriteAttributeString("label", topic.ShortName);
            xml.WriteEndElement();
        }

        xml.WriteStartElement("summary", atom);
        xml.WriteAttributeString("type", "text");
        xml.WriteString(Clean(entry.Summary(source)));
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    /// <summary>The names to give sources: each feed's title, or its id while it has none.</summary>
    public static IReadOnlyDictionary<string, string> Sources(IEnumerable<FeedRecord> feeds) =>
        feeds.ToDictionary(f => f.Id, f => string.IsNullOrWhiteSpace(f.Title) ? f.Id : f.Title, StringComparer.Ordinal);

    private static void Link(XmlWriter xml, string atom, string rel, string href, string? type)
    {
        xml.WriteStartElement("link", atom);
        xml.WriteAttributeString("rel", rel);
        if (type is not null)
        {
            xml.WriteAttributeString("type", type);
        }

        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }

    internal static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Text as XML 1.0 can carry it: characters it forbids (control characters, lone surrogates) dropped.</summary>
    internal static string Clean(string text)
    {
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                clean.Append(text, i++, 2);
            }
            else if (XmlConvert.IsXmlChar(text[i]))
            {
                clean.Append(text[i]);
            }
        }

        return clean.ToString();
    }
}
