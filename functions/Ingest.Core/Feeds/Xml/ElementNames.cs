using System.Collections.Frozen;

namespace Ingest.Core.Feeds.Xml;

/// <summary>
/// The element names the format readers look for, matched without regard to letter case: feeds written by hand
/// or by old templates say <c>&lt;pubdate&gt;</c> or <c>&lt;PubDate&gt;</c>, and readers since the first ones
/// have accepted that.
/// </summary>
internal static class ElementNames
{
    private static readonly FrozenDictionary<string, string> Known = new[]
    {
        "rss", "channel", "item", "title", "link", "description", "language", "ttl", "guid", "pubDate", "author",
        "category", "enclosure", "RDF", "feed", "entry", "id", "published", "updated", "issued", "created", "modified",
        "summary", "content", "subtitle", "tagline", "name", "email", "encoded", "creator", "contributor", "subject",
        "date", "abstract", "available", "identifier", "group",
    }.ToFrozenDictionary(n => n, StringComparer.OrdinalIgnoreCase);

    /// <summary>The spelling the readers use for <paramref name="localName"/>, or the name itself when it is none of theirs.</summary>
    public static string Canonical(string localName) => Known.GetValueOrDefault(localName, localName);
}
