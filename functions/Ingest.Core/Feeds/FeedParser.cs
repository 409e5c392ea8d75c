using System.Xml.Linq;
using Ingest.Core.Feeds.Atom;
using Ingest.Core.Feeds.Encodings;
using Ingest.Core.Feeds.Json;
using Ingest.Core.Feeds.Rdf;
using Ingest.Core.Feeds.Rss;
using Ingest.Core.Feeds.Xml;

namespace Ingest.Core.Feeds;

/// <summary>
/// Reads any feed Ingest supports — RSS 0.9x/1.0/2.0, Atom 0.3/1.0, JSON Feed 1.x — telling the format from
/// the content alone. Never hangs and never throws anything but <see cref="FeedParseException"/>.
/// </summary>
public static class FeedParser
{
    /// <summary>Parses raw bytes, choosing the text encoding from the BOM, <paramref name="httpCharset"/> and the XML declaration.</summary>
    public static Feed Parse(ReadOnlySpan<byte> content, Uri? feedUri = null, string? httpCharset = null, FeedParserOptions? options = null)
    {
        options ??= FeedParserOptions.Default;

        // Four bytes per character is the most any encoding takes; beyond that the text is over the limit for sure.
        if (content.Length / 4 > options.MaxDocumentChars)
        {
            throw TooLarge(options);
        }

        var decoded = FeedTextDecoder.Decode(content, httpCharset);
        return Parse(decoded.Text, feedUri, options, [.. decoded.Warnings]);
    }

    public static Feed Parse(string text, Uri? feedUri = null, FeedParserOptions? options = null) =>
        Parse(text, feedUri, options ?? FeedParserOptions.Default, []);

    private static Feed Parse(string text, Uri? feedUri, FeedParserOptions options, List<string> warnings)
    {
        if (text.Length > options.MaxDocumentChars)
        {
            throw TooLarge(options);
        }

        // Copying a multi-megabyte document costs as much as parsing a small one: only trim when there is something to trim.
        var leading = text.Length - text.AsSpan().TrimStart("\uFEFF \t\r\n").Length;
        if (leading == text.Length)
        {
            throw new FeedParseException(FeedParseFailure.NotAFeed, "not a feed: the document is empty");
        }

        var trimmed = leading == 0 ? text : text[leading..];
        if (trimmed[0] is '{' or '[')
        {
            return JsonFeedParser.Parse(trimmed, feedUri, options, warnings);
        }

        var root = SafeXmlLoader.Load(trimmed, options, warnings);
        var xml = new FeedXml(feedUri, warnings);
        var ns = root.Name.Namespace;
        return root.Name.LocalName switch
        {
            "rss" => RssParser.Parse(root, xml, options),
            "RDF" when ns == FeedNamespaces.Rdf => RdfParser.Parse(root, xml, options),
            "feed" when ns == FeedNamespaces.Atom10 => AtomParser.Parse(root, xml, options, legacy: false),
            "feed" when ns == FeedNamespaces.Atom03 => AtomParser.Parse(root, xml, options, legacy: true),
            "feed" when ns == XNamespace.None => WithWarning(() => AtomParser.Parse(root, xml, options, legacy: false), warnings, "Atom feed without the Atom namespace; read as Atom 1.0"),
            "html" or "HTML" => throw new FeedParseException(FeedParseFailure.NotAFeed, "not a feed: an HTML page (its feeds can be found with 'ingest feeds discover')"),
            _ => throw new FeedParseException(FeedParseFailure.NotAFeed, $"not a feed: the XML root is <{root.Name.LocalName}>"),
        };
    }

    private static Feed WithWarning(Func<Feed> parse, List<string> warnings, string warning)
    {
        warnings.Add(warning);
        return parse();
    }

    private static FeedParseException TooLarge(FeedParserOptions options) =>
        new(FeedParseFailure.TooLarge, $"document is larger than {options.MaxDocumentChars} characters");
}
