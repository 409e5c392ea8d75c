using System.Xml;
using Ingest.Core.Feeds.Atom;
using Ingest.Core.Feeds.Rdf;
using Ingest.Core.Feeds.Rss;

namespace Ingest.Core.Feeds.Xml;

/// <summary>
/// Reads an XML feed as it streams, straight into the model: no DTD is ever fetched, entities are expanded only
/// as <see cref="DoctypeVetting"/> allows and within a total, and size and nesting stay within the options.
/// </summary>
internal static class XmlFeedReader
{
    /// <summary>The most characters entity references may expand to in one document.</summary>
    private const int MaxEntityExpansion = 1_000_000;

    /// <summary>
    /// Parses <paramref name="head"/> followed by the rest of <paramref name="rest"/>. Ill-formed XML throws
    /// <see cref="XmlException"/> unless <paramref name="keepPartial"/>, when what came before the break is kept.
    /// </summary>
    public static Feed Read(string head, TextReader rest, Uri? feedUri, FeedParserOptions options, List<string> warnings, bool keepPartial)
    {
        var prolog = PrologReader.Prepare(head, warnings);
        var settings = new XmlReaderSettings
        {
            DtdProcessing = prolog.DeclaresEntities ? DtdProcessing.Parse : DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = options.MaxDocumentChars,
            MaxCharactersFromEntities = MaxEntityExpansion,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CheckCharacters = false,
            CloseInput = true,
        };

        try
        {
            using var reader = XmlReader.Create(new PrefixedTextReader(prolog.Head, rest), settings);
            var cursor = new FeedXmlCursor(reader, options, keepPartial)
            {
                DocumentBase = feedUri is { Scheme: "http" or "https" } ? feedUri : null,
            };
            if (!cursor.MoveToRoot())
            {
                throw new XmlException("no root element");
            }

            var feed = ReadRoot(new FeedXml(cursor, warnings), options);
            cursor.ReadToEnd();
            if (cursor.BrokenOff is { } broken)
            {
                warnings.Add($"document breaks off ({OneLine(broken)}); kept what came before");
            }

            return feed;
        }
        catch (XmlException ex) when (ex.Message.Contains("DTD", StringComparison.Ordinal))
        {
            throw new FeedParseException(FeedParseFailure.Unsafe, "refused: the document declares a DTD where none may be (entity expansion and external entities are never processed)", ex);
        }
        catch (XmlException ex) when (ex.Message.Contains("MaxCharactersFromEntities", StringComparison.Ordinal))
        {
            throw new FeedParseException(FeedParseFailure.Unsafe, $"refused: entities expand to more than {MaxEntityExpansion} characters", ex);
        }
        catch (XmlException ex) when (ex.Message.Contains("MaxCharactersInDocument", StringComparison.Ordinal))
        {
            throw new FeedParseException(FeedParseFailure.TooLarge, $"document is larger than {options.MaxDocumentChars} characters", ex);
        }
    }

    public static string OneLine(XmlException ex) => ex.Message.Split('\n')[0].Trim();

    private static Feed ReadRoot(FeedXml xml, FeedParserOptions options)
    {
        var cursor = xml.Cursor;
        return cursor.LocalName switch
        {
            "rss" or "channel" => RssParser.Parse(xml, options),
            "RDF" when cursor.NamespaceUri == FeedNamespaces.Rdf => RdfParser.Parse(xml, options),
            "feed" => AtomParser.Parse(xml, options),
            "html" or "HTML" => throw new FeedParseException(FeedParseFailure.NotAFeed, "not a feed: an HTML page (its feeds can be found with 'ingest feeds discover')"),
            _ => throw new FeedParseException(FeedParseFailure.NotAFeed, $"not a feed: the XML root is <{cursor.LocalName}>"),
        };
    }
}
