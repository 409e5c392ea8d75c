namespace Ingest.Core.Text;

/// <summary>What <see cref="HtmlTokenizer"/> found next.</summary>
public enum HtmlTokenKind
{
    End,
    Text,
    StartTag,
    EndTag,
}

/// <summary>
/// A single forward pass over HTML that yields text runs and tag names, never building a tree: the work is linear
/// in the length of the markup whatever it nests, so a hostile document cannot exhaust the stack or the CPU.
/// Comments, doctypes and processing instructions are skipped; the content of <c>script</c> and <c>style</c> is
/// skipped as raw text, the way browsers read it: their start tag is returned, their content and end tag are not. Attributes are stepped over, quotes respected, and returned unread (<see cref="Attributes"/>).
/// </summary>
public ref struct HtmlTokenizer(ReadOnlySpan<char> html)
{
    private readonly ReadOnlySpan<char> _html = html;
    private int _position;

    public HtmlTokenKind Kind { get; private set; }

    /// <summary>The text run (entities still encoded) or the tag name, as written.</summary>
    public ReadOnlySpan<char> Value { get; private set; }

    /// <summary>A start tag written <c>&lt;name/&gt;</c>.</summary>
    public bool SelfClosing { get; private set; }

    /// <summary>A start tag's attributes as written, between its name and its end.</summary>
    public ReadOnlySpan<char> Attributes { get; private set; }

    public bool Next()
    {
        while (_position < _html.Length)
        {
            var rest = _html[_position..];
            var open = rest.IndexOf('<');
            if (open != 0)
            {
                var length = open < 0 ? rest.Length : open;
                _position += length;
                return Emit(HtmlTokenKind.Text, rest[..length]);
            }

            if (TryReadMarkup(rest))
            {
                if (Kind != HtmlTokenKind.End)
                {
                    return true;
                }

                continue;
            }

            // A '<' that opens nothing is text, as browsers show it.
            _position++;
            return Emit(HtmlTokenKind.Text, rest[..1]);
        }

        Kind = HtmlTokenKind.End;
        Value = default;
        return false;
    }

    private bool Emit(HtmlTokenKind kind, ReadOnlySpan<char> value, bool selfClosing = false)
    {
        Kind = kind;
        Value = value;
        SelfClosing = selfClosing;
        Attributes = default;
        return true;
    }

    /// <summary>Reads the markup at the start of <paramref name="rest"/>; false when the '&lt;' is plain text.</summary>
    private bool TryReadMarkup(ReadOnlySpan<char> rest)
    {
        Kind = HtmlTokenKind.End;
        if (rest.Length < 2)
        {
            return false;
        }

        if (rest.StartsWith("<!--"))
        {
            var close = rest[4..].IndexOf("-->");
            _position += close < 0 ? rest.Length : close + 7;
            return true;
        }

        if (rest[1] is '!' or '?')
        {
            Skip(rest, rest.IndexOf('>'));
            return true;
        }

        var closing = rest[1] == '/';
        var nameStart = closing ? 2 : 1;
        if (nameStart >= rest.Length || !char.IsAsciiLetter(rest[nameStart]))
        {
            if (closing)
            {
                // "</ >" and the like are dropped by browsers.
                Skip(rest, rest.IndexOf('>'));
                return true;
            }

            return false;
        }

        var nameEnd = nameStart;
        while (nameEnd < rest.Length && (char.IsAsciiLetterOrDigit(rest[nameEnd]) || rest[nameEnd] is '-' or ':' or '_'))
        {
            nameEnd++;
        }

        var name = rest[nameStart..nameEnd];
        var tagEnd = TagEnd(rest, nameEnd);
        Skip(rest, tagEnd);
        if (tagEnd < 0)
        {
            // An unterminated tag swallows the rest of the document, as it does in a browser.
            return true;
        }

        if (closing)
        {
            Emit(HtmlTokenKind.EndTag, name);
            return true;
        }

        Emit(HtmlTokenKind.StartTag, name, selfClosing: rest[tagEnd - 1] == '/');
        Attributes = rest[nameEnd..tagEnd];
        if (name.Equals("script", StringComparison.OrdinalIgnoreCase))
        {
            SkipRawText("</script");
        }
        else if (name.Equals("style", StringComparison.OrdinalIgnoreCase))
        {
            SkipRawText("</style");
        }

        return true;
    }

    /// <summary>The index of the '&gt;' that ends a tag, stepping over quoted attribute values; -1 when there is none.</summary>
    private static int TagEnd(ReadOnlySpan<char> rest, int from)
    {
        var afterEquals = false;
        for (var i = from; i < rest.Length; i++)
        {
            var c = rest[i];
            if (c == '>')
            {
                return i;
            }

            if (afterEquals && c is '"' or '\'')
            {
                var close = rest[(i + 1)..].IndexOf(c);
                if (close < 0)
                {
                    return -1;
                }

                i += close + 1;
                afterEquals = false;
            }
            else if (c == '=')
            {
                afterEquals = true;
            }
            else if (!char.IsWhiteSpace(c))
            {
                afterEquals = false;
            }
        }

        return -1;
    }

    private void Skip(ReadOnlySpan<char> rest, int lastIndex) => _position += lastIndex < 0 ? rest.Length : lastIndex + 1;

    /// <summary>Moves past the content of a raw-text element and its end tag, which the caller never sees as text.</summary>
    private void SkipRawText(string endTag)
    {
        var rest = _html[_position..];
        var close = rest.IndexOf(endTag, StringComparison.OrdinalIgnoreCase);
        if (close < 0)
        {
            _position = _html.Length;
            return;
        }

        var after = rest[close..];
        var end = after.IndexOf('>');
        _position += close + (end < 0 ? after.Length : end + 1);
    }
}
