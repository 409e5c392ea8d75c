namespace Ingest.Core.Feeds.Xml;

/// <summary>The XML namespaces whose elements feeds put to use.</summary>
internal static class FeedNamespaces
{
    public const string Atom10 = "http://www.w3.org/2005/Atom";
    public const string Atom03 = "http://purl.org/atom/ns#";
    public const string Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    public const string Rss10 = "http://purl.org/rss/1.0/";
    public const string Rss090 = "http://my.netscape.com/rdf/simple/0.9/";
    public const string Content = "http://purl.org/rss/1.0/modules/content/";
    public const string DublinCore = "http://purl.org/dc/elements/1.1/";
    public const string DublinCoreTerms = "http://purl.org/dc/terms/";
    public const string Media = "http://search.yahoo.com/mrss/";
    public const string Itunes = "http://www.itunes.com/dtds/podcast-1.0.dtd";
    public const string Xhtml = "http://www.w3.org/1999/xhtml";
    public const string Xml = "http://www.w3.org/XML/1998/namespace";

    /// <summary>Spellings feeds use for the namespaces above: other letter case, a missing slash or hash, older versions.</summary>
    private static readonly Dictionary<string, string> Variants = new[]
    {
        (Atom10, Atom10), (Atom03, Atom03), (Rdf, Rdf), (Rss10, Rss10), (Rss090, Rss090), (Content, Content),
        (DublinCore, DublinCore), ("http://purl.org/dc/elements/1.0/", DublinCore), (DublinCoreTerms, DublinCoreTerms),
        (Media, Media), ("http://search.yahoo.com/rss/", Media), (Xhtml, Xhtml), (Itunes, Itunes),
    }.ToDictionary(v => Key(v.Item1), v => v.Item2, StringComparer.Ordinal);

    /// <summary>The constant above that <paramref name="namespaceUri"/> means, or <paramref name="namespaceUri"/> itself.</summary>
    public static string Canonical(string namespaceUri) =>
        namespaceUri.Length == 0 ? namespaceUri : Variants.GetValueOrDefault(Key(namespaceUri), namespaceUri);

    private static string Key(string namespaceUri) => namespaceUri.Trim().TrimEnd('/', '#').ToLowerInvariant();
}
