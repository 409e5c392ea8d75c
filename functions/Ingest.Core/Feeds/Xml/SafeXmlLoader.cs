using System.Net;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace Ingest.Core.Feeds.Xml;

/// <summary>
/// Loads feed XML without ever processing a DTD or resolving anything external, within size and depth
/// limits. Ill-formed feeds are repaired where the fault is a common one (bare ampersands, HTML entities
/// like <c>&amp;nbsp;</c>, control characters, junk before the root) and a truncated document keeps what
/// came before the break; each recovery is reported as a warning.
/// </summary>
internal static partial class SafeXmlLoader
{
    public static XElement Load(string text, FeedParserOptions options, List<string> warnings)
    {
        text = SkipToRoot(text, warnings);
        text = RemoveHarmlessDoctype(text, warnings);

        try
        {
            return Read(text, options, allowPartial: false, warnings);
        }
        catch (XmlException first)
        {
            var repaired = Repair(text);
            warnings.Add($"ill-formed XML ({OneLine(first)}); repaired what could be repaired");
            try
            {
                return Read(repaired, options, allowPartial: true, warnings);
            }
            catch (XmlException second)
            {
                throw new FeedParseException(FeedParseFailure.Malformed, $"not well-formed XML and not repairable: {OneLine(second)}", second);
            }
        }
    }

    private static XElement Read(string text, FeedParserOptions options, bool allowPartial, List<string> warnings)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = options.MaxDocumentChars,
            MaxCharactersFromEntities = 1024,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CheckCharacters = false,
        };

        XElement? root = null;
        var open = new Stack<XElement>();
        using var reader = XmlReader.Create(new StringReader(text), settings);
        try
        {
            while (reader.Read())
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element:
                        var element = new XElement(XName.Get(reader.LocalName, reader.NamespaceURI));
                        var empty = reader.IsEmptyElement;
                        while (reader.MoveToNextAttribute())
                        {
                            if (reader.NamespaceURI != "http://www.w3.org/2000/xmlns/")
                            {
                                element.Add(new XAttribute(XName.Get(reader.LocalName, reader.NamespaceURI), reader.Value));
                            }
                        }

                        if (open.Count == 0)
                        {
                            root = element;
                        }
                        else
                        {
                            open.Peek().Add(element);
                        }

                        if (!empty)
                        {
                            open.Push(element);
                            if (open.Count > options.MaxDepth)
                            {
                                throw new FeedParseException(FeedParseFailure.TooLarge, $"elements nest deeper than {options.MaxDepth} levels");
                            }
                        }

                        break;
                    case XmlNodeType.Text:
                    case XmlNodeType.Whitespace:
                    case XmlNodeType.SignificantWhitespace:
                        open.TryPeek(out var parent);
                        parent?.Add(new XText(reader.Value));
                        break;
                    case XmlNodeType.CDATA:
                        open.TryPeek(out var cdataParent);
                        cdataParent?.Add(new XCData(reader.Value));
                        break;
                    case XmlNodeType.EndElement:
                        open.Pop();
                        break;
                }
            }
        }
        catch (XmlException ex) when (ex.Message.Contains("DTD", StringComparison.Ordinal))
        {
            throw new FeedParseException(FeedParseFailure.Unsafe, "refused: the document declares a DTD (entity expansion and external entities are never processed)", ex);
        }
        catch (XmlException ex) when (ex.Message.Contains("MaxCharactersInDocument", StringComparison.Ordinal) || ex.Message.Contains("exceeds", StringComparison.Ordinal))
        {
            throw new FeedParseException(FeedParseFailure.TooLarge, $"document is larger than {options.MaxDocumentChars} characters", ex);
        }
        catch (XmlException ex) when (allowPartial && root is not null)
        {
            warnings.Add($"document breaks off ({OneLine(ex)}); kept what came before");
        }

        return root ?? throw new XmlException("no root element");
    }

    /// <summary>Drops whitespace and junk (PHP notices, stray bytes or tags) before the XML declaration or root element.</summary>
    private static string SkipToRoot(string text, List<string> warnings)
    {
        var start = text.IndexOf('<');
        if (start < 0)
        {
            throw new FeedParseException(FeedParseFailure.NotAFeed, "not a feed: no XML or JSON found");
        }

        var prologOrRoot = XmlStart().Match(text, start);
        if (prologOrRoot.Success && prologOrRoot.Index == start)
        {
            return start == 0 ? text : text[start..];
        }

        var root = RootStart().Match(text, start);
        if (!root.Success)
        {
            // Not a feed we know; let the reader say what the document is.
            return text[start..];
        }

        warnings.Add($"skipped {root.Index} characters of junk before the XML");
        return text[root.Index..];
    }

    /// <summary>
    /// A DOCTYPE with an internal subset can declare entities (XXE, billion laughs): refused. A bare external
    /// DOCTYPE, as old Netscape RSS 0.91 feeds carry, is removed: DTDs are never fetched, so it is inert.
    /// </summary>
    private static string RemoveHarmlessDoctype(string text, List<string> warnings)
    {
        // Only a DOCTYPE in the prolog is a document type declaration; one anywhere else is left for the reader to refuse.
        var doctype = Doctype().Match(text);
        var firstElement = FirstElement().Match(text);
        if (!doctype.Success || (firstElement.Success && firstElement.Index < doctype.Index))
        {
            return text;
        }

        if (doctype.Groups["subset"].Success || doctype.Value.Contains("ENTITY", StringComparison.OrdinalIgnoreCase))
        {
            throw new FeedParseException(FeedParseFailure.Unsafe, "refused: the document declares a DTD with entities (XXE or entity expansion)");
        }

        warnings.Add("ignored the document's DOCTYPE (DTDs are never loaded)");
        return text.Remove(doctype.Index, doctype.Length);
    }

    private static string Repair(string text)
    {
        text = ControlCharacters().Replace(text, m => m.Value is "\v" or "\f" ? " " : "");
        text = NamedEntity().Replace(text, m =>
        {
            var name = m.Groups[1].Value;
            if (name is "amp" or "lt" or "gt" or "quot" or "apos")
            {
                return m.Value;
            }

            var decoded = WebUtility.HtmlDecode(m.Value);
            return decoded != m.Value ? string.Concat(decoded.EnumerateRunes().Select(r => $"&#x{r.Value:X};")) : "&amp;" + name + ";";
        });
        return BareAmpersand().Replace(text, "&amp;");
    }

    private static string OneLine(XmlException ex) => ex.Message.Split('\n')[0].Trim();

    [GeneratedRegex(@"<(\?xml|rss[\s>]|feed[\s>]|rdf:RDF|RDF[\s>]|[A-Za-z_][\w.-]*:(rss|feed|RDF)[\s>])")]
    private static partial Regex RootStart();

    [GeneratedRegex(@"<(\?xml|!--|!DOCTYPE|rss[\s>]|feed[\s>]|rdf:RDF|RDF[\s>]|[A-Za-z_][\w.-]*:(rss|feed|RDF)[\s>])", RegexOptions.IgnoreCase)]
    private static partial Regex XmlStart();

    [GeneratedRegex(@"<[A-Za-z_]")]
    private static partial Regex FirstElement();

    [GeneratedRegex(@"<!DOCTYPE(?:[^\[>]*)(?<subset>\[[\s\S]*?\]\s*)?>", RegexOptions.IgnoreCase)]
    private static partial Regex Doctype();

    [GeneratedRegex(@"[\x00-\x08\x0B\x0C\x0E-\x1F]")]
    private static partial Regex ControlCharacters();

    [GeneratedRegex(@"&([A-Za-z][A-Za-z0-9]{1,31});")]
    private static partial Regex NamedEntity();

    [GeneratedRegex(@"&(?!#[0-9]{1,7};|#x[0-9A-Fa-f]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")]
    private static partial Regex BareAmpersand();
}
