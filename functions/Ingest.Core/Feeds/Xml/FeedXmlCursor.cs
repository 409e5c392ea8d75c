using System.Text;
using System.Xml;

namespace Ingest.Core.Feeds.Xml;

/// <summary>How an element's content becomes one string.</summary>
internal enum ContentMode
{
    /// <summary>The text of the element and its descendants; child tags are dropped.</summary>
    Text,

    /// <summary>
    /// RSS-style HTML: the element's own text is HTML already; child elements are written back as tags. An XHTML
    /// <c>div</c> wrapping it all (as some blogs write <c>type="html"</c> content) is unwrapped, its text the HTML.
    /// </summary>
    Html,

    /// <summary>Inline XHTML: everything is markup, so text is escaped; a single wrapping div is unwrapped.</summary>
    Xhtml,
}

/// <summary>
/// A forward-only walk over feed XML that the format readers drive element by element, so no tree of the
/// document is ever built. It enforces the nesting limit, keeps track of <c>xml:base</c>, and, when reading
/// a repaired document, turns the point where the document breaks off into a clean end.
/// </summary>
internal sealed class FeedXmlCursor(XmlReader reader, FeedParserOptions options, bool keepPartial)
{
    /// <summary>The longest single node of HTML that is trimmed (see <see cref="ReadContent"/>).</summary>
    private const int MaxTrimmedCopy = 4096;

    private readonly Stack<(int Depth, Uri Base)> _bases = new();
    private readonly StringBuilder _builder = new();
    // The reader's names are atomised (one string instance per name), so these caches are keyed by reference.
    private readonly Dictionary<string, string> _canonicalNames = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, string> _canonicalNamespaces = new(ReferenceEqualityComparer.Instance);
    private bool _inRoot;

    /// <summary>Where the document broke off, when it did and <c>keepPartial</c> was asked for.</summary>
    public XmlException? BrokenOff { get; private set; }

    /// <summary>The element's local name, in the readers' spelling when it is one of theirs in another letter case.</summary>
    public string LocalName { get; private set; } = "";

    /// <summary>The element's namespace, with the spellings feeds use for the known ones made canonical (see <see cref="FeedNamespaces"/>).</summary>
    public string NamespaceUri { get; private set; } = "";

    public string Prefix => reader.Prefix;

    /// <summary>The feed's own address, the base of every relative link outside any <c>xml:base</c>.</summary>
    public Uri? DocumentBase { get; set; }

    /// <summary>The base URI in scope at the current element: <see cref="DocumentBase"/> combined with every <c>xml:base</c> above.</summary>
    public Uri? BaseUri => _bases.TryPeek(out var top) ? top.Base : DocumentBase;

    public string? Attribute(string name) => reader.GetAttribute(name);

    public string? Attribute(string name, string namespaceUri) => reader.GetAttribute(name, namespaceUri);

    /// <summary>Moves to the root element; false for a document without one.</summary>
    public bool MoveToRoot()
    {
        while (Read())
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The depth to pass to <see cref="NextChild"/> for the children of the current element, or -1 when it has none.
    /// Call it while positioned on the element.
    /// </summary>
    public int Children() => reader.IsEmptyElement ? -1 : reader.Depth;

    /// <summary>Moves to the next child element of the element at <paramref name="parentDepth"/>, passing over anything deeper.</summary>
    public bool NextChild(int parentDepth)
    {
        if (parentDepth < 0)
        {
            return false;
        }

        while (Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.Depth == parentDepth + 1)
            {
                return true;
            }

            if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == parentDepth)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>Reads what follows the root, so a DTD or junk after it is noticed as it would be anywhere else.</summary>
    public void ReadToEnd()
    {
        while (Read())
        {
        }
    }

    /// <summary>Reads the current element's content to its end tag; blank content is null.</summary>
    public string? ReadContent(ContentMode mode)
    {
        if (reader.IsEmptyElement)
        {
            return null;
        }

        var depth = reader.Depth;
        string? single = null;
        _builder.Clear();
        var unwrapDiv = mode != ContentMode.Text;
        while (Read() && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    var inside = reader.Depth > depth + 1;
                    if (mode == ContentMode.Xhtml || (mode == ContentMode.Html && inside))
                    {
                        Flush(ref single);
                        AppendEscaped(reader.Value);
                    }
                    else if (single is null && _builder.Length == 0)
                    {
                        // The usual case, one text node: kept as is, never copied.
                        single = reader.Value;
                    }
                    else
                    {
                        Flush(ref single);
                        _builder.Append(reader.Value);
                    }

                    break;
                case XmlNodeType.Element when mode != ContentMode.Text:
                    if (unwrapDiv && reader.Depth == depth + 1 && reader.LocalName == "div" && IsBlank(_builder) && string.IsNullOrWhiteSpace(single)
                        && (mode == ContentMode.Xhtml || reader.NamespaceURI == FeedNamespaces.Xhtml))
                    {
                        // xhtml content is one <div> holding the content; the div itself is not part of it.
                        _builder.Clear();
                        single = null;
                        unwrapDiv = false;
                        if (!reader.IsEmptyElement)
                        {
                            depth++;
                        }

                        break;
                    }

                    Flush(ref single);
                    AppendStartTag();
                    break;
                case XmlNodeType.EndElement when mode != ContentMode.Text:
                    Flush(ref single);
                    _builder.Append("</").Append(reader.LocalName).Append('>');
                    break;
            }
        }

        // One text node is the XML reader's own string. Trimming it copies it, which around the several kilobytes of an
        // article's content would double what reading it costs; so HTML in one node that long keeps the whitespace the
        // feed wrote around it (HTML ignores it). Everything else is trimmed; from the builder that costs no copy.
        if (single is not null)
        {
            return mode == ContentMode.Text || single.Length <= MaxTrimmedCopy ? Trimmed(single) : NullIfBlank(single);
        }

        return TrimmedBuilder();
    }

    /// <summary>The builder's text without XML's whitespace at either end, made into a string once; null when blank.</summary>
    private string? TrimmedBuilder()
    {
        var (start, end) = (0, _builder.Length);
        while (start < end && _builder[start] is ' ' or '\t' or '\r' or '\n')
        {
            start++;
        }

        while (end > start && _builder[end - 1] is ' ' or '\t' or '\r' or '\n')
        {
            end--;
        }

        return start == end ? null : _builder.ToString(start, end - start);
    }

    private void Flush(ref string? single)
    {
        if (single is not null)
        {
            _builder.Append(single);
            single = null;
        }
    }

    private void AppendStartTag()
    {
        _builder.Append('<').Append(reader.LocalName);
        var empty = reader.IsEmptyElement;
        while (reader.MoveToNextAttribute())
        {
            if (reader.Prefix != "xmlns" && reader.LocalName != "xmlns")
            {
                _builder.Append(' ').Append(reader.LocalName).Append("=\"");
                AppendEscaped(reader.Value, attribute: true);
                _builder.Append('"');
            }
        }

        reader.MoveToElement();
        _builder.Append(empty ? " />" : ">");
    }

    private void AppendEscaped(string text, bool attribute = false)
    {
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => _builder.Append("&amp;"),
                '<' => _builder.Append("&lt;"),
                '>' => _builder.Append("&gt;"),
                '"' when attribute => _builder.Append("&quot;"),
                _ => _builder.Append(c),
            };
        }
    }

    private static string Canonical(Dictionary<string, string> cache, string name, Func<string, string> canonical)
    {
        if (!cache.TryGetValue(name, out var known))
        {
            known = canonical(name);
            cache[name] = known;
        }

        return known;
    }

    private static bool IsBlank(StringBuilder builder)
    {
        foreach (var chunk in builder.GetChunks())
        {
            if (chunk.Span.ContainsAnyExcept(" \t\r\n"))
            {
                return false;
            }
        }

        return true;
    }

    private static string? NullIfBlank(string value) => value.AsSpan().ContainsAnyExcept(" \t\r\n") ? value : null;

    private static string? Trimmed(string value)
    {
        // XML's own whitespace only: U+0085 at the end of a title is a windows-1252 ellipsis written as &#133;.
        var span = value.AsSpan();
        var trimmed = span.Trim(" \t\r\n");
        return trimmed.Length == 0 ? null : trimmed.Length == span.Length ? value : trimmed.ToString();
    }

    private bool Read()
    {
        if (BrokenOff is not null)
        {
            return false;
        }

        try
        {
            if (!reader.Read())
            {
                return false;
            }
        }
        catch (XmlException ex) when (keepPartial && _inRoot && !ex.Message.Contains("DTD", StringComparison.Ordinal))
        {
            BrokenOff = ex;
            return false;
        }

        if (reader.NodeType == XmlNodeType.Element)
        {
            OnElement();
        }

        return true;
    }

    private void OnElement()
    {
        _inRoot = true;
        LocalName = Canonical(_canonicalNames, reader.LocalName, ElementNames.Canonical);
        NamespaceUri = Canonical(_canonicalNamespaces, reader.NamespaceURI, FeedNamespaces.Canonical);
        if (reader.Depth >= options.MaxDepth)
        {
            throw new FeedParseException(FeedParseFailure.TooLarge, $"elements nest deeper than {options.MaxDepth} levels");
        }

        while (_bases.TryPeek(out var top) && top.Depth >= reader.Depth)
        {
            _bases.Pop();
        }

        var xmlBase = reader.GetAttribute("base", FeedNamespaces.Xml);
        if (!string.IsNullOrWhiteSpace(xmlBase))
        {
            var current = BaseUri;
            var resolved = current is null
                ? Uri.TryCreate(xmlBase.Trim(), UriKind.Absolute, out var absolute) ? absolute : null
                : Uri.TryCreate(current, xmlBase.Trim(), out var combined) ? combined : current;
            if (resolved is not null)
            {
                _bases.Push((reader.Depth, resolved));
            }
        }
    }
}
