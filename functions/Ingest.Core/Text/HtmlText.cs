using System.Net;
using System.Text;
using HtmlAgilityPack;

namespace Ingest.Core.Text;

/// <summary>Turns the HTML of titles, summaries and pages into the plain text that matching reads.</summary>
public static class HtmlText
{
    private static readonly HashSet<string> Invisible = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "head",
    };

    /// <summary>
    /// What the C1 control characters U+0080–U+009F stand for when a feed wrote windows-1252 bytes as character
    /// references (<c>&amp;#150;</c> for an en dash), as browsers read them; a space marks the five with no meaning.
    /// </summary>
    private const string Windows1252 = "€ ‚ƒ„…†‡ˆ‰Š‹Œ Ž  ‘’“”•–—˜™š›œ žŸ";

    /// <summary>Elements that never have content or an end tag.</summary>
    internal static readonly HashSet<string> Void = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    };

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr", "table",
        "section", "article", "header", "footer", "figure", "figcaption", "dd", "dt", "hr",
    };

    /// <summary>Plain text with entities decoded, tags dropped, block elements as line breaks, and whitespace collapsed.</summary>
    public static string? ToPlainText(string? html)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return null;
        }

        if (html.AsSpan().IndexOfAny('<', '&') < 0)
        {
            return NormalizeWhitespace(html);
        }

        if (!html.Contains('<'))
        {
            return NormalizeWhitespace(WebUtility.HtmlDecode(html));
        }

        var text = new StringBuilder(html.Length);
        AppendMarkup(html, text);
        var result = NormalizeWhitespace(text.ToString());
        return result.Length == 0 ? null : result;
    }

    /// <summary>
    /// A title's text: <see cref="ToPlainText"/>, or, for a title that is images alone, their <c>alt</c> text,
    /// which is what the publisher meant a reader to see in place of the picture.
    /// </summary>
    public static string? ToTitle(string? html)
    {
        var text = ToPlainText(html);
        if (text is not null || html is null || !html.Contains("<img", StringComparison.OrdinalIgnoreCase))
        {
            return text;
        }

        var alts = new StringBuilder();
        var tokens = new HtmlTokenizer(html);
        while (tokens.Next())
        {
            if (tokens.Kind == HtmlTokenKind.StartTag && tokens.Value.Equals("img", StringComparison.OrdinalIgnoreCase)
                && HtmlAttributes.Find(tokens.Attributes, "alt") is { } alt)
            {
                alts.Append(WebUtility.HtmlDecode(alt)).Append(' ');
            }
        }

        var result = NormalizeWhitespace(alts.ToString().Trim());
        return result.Length == 0 ? null : result;
    }

    /// <summary>Collapses runs of spaces and tabs to one space and runs of blank lines to one line break.</summary>
    public static string NormalizeWhitespace(string text)
    {
        if (IsNormalized(text))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        var pendingBreak = false;
        foreach (var c in text)
        {
            if (c is '\n' or '\r' or '\u2028' or '\u2029')
            {
                pendingBreak = builder.Length > 0;
            }
            else if ((char.IsWhiteSpace(c) && c != '\u0085') || c == '\u00A0')
            {
                pendingSpace = builder.Length > 0;
            }
            else if (char.IsControl(c) && !(c is >= '\u0080' and <= '\u009F' && Windows1252[c - 0x80] != ' '))
            {
                // Stray control characters (bells, escapes) carry no text.
            }
            else
            {
                if (pendingBreak)
                {
                    builder.Append('\n');
                }
                else if (pendingSpace)
                {
                    builder.Append(' ');
                }

                pendingBreak = pendingSpace = false;
                builder.Append(c is >= '\u0080' and <= '\u009F' ? Windows1252[c - 0x80] : c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Most titles are already one line of single-spaced text; they are returned as they are, uncopied.</summary>
    private static bool IsNormalized(ReadOnlySpan<char> text)
    {
        if (text.Length == 0 || text[0] == ' ' || text[^1] == ' ')
        {
            return text.Length == 0;
        }

        var previousSpace = false;
        foreach (var c in text)
        {
            if (c == ' ')
            {
                if (previousSpace)
                {
                    return false;
                }

                previousSpace = true;
            }
            else if (char.IsWhiteSpace(c) || char.IsControl(c) || c is '\u00A0' or '\u2028' or '\u2029')
            {
                return false;
            }
            else
            {
                previousSpace = false;
            }
        }

        return true;
    }

    /// <summary>
    /// The text of markup read as a stream of tags: no tree is built, so the cost is linear however deep the
    /// markup nests (a feed item nesting 35,000 elements once overflowed the stack of a recursive walk).
    /// </summary>
    private static void AppendMarkup(string html, StringBuilder text)
    {
        var invisible = Invisible.GetAlternateLookup<ReadOnlySpan<char>>();
        var blocks = Blocks.GetAlternateLookup<ReadOnlySpan<char>>();

        // Open invisible elements; their text is dropped until they close. Bounded: past the cap a page is hidden anyway.
        var hidden = new List<string>();
        var tokens = new HtmlTokenizer(html);
        while (tokens.Next())
        {
            var name = tokens.Value;
            switch (tokens.Kind)
            {
                case HtmlTokenKind.Text when hidden.Count == 0:
                    AppendDecoded(name, text);
                    break;
                case HtmlTokenKind.StartTag:
                    if (name.Equals("body", StringComparison.OrdinalIgnoreCase))
                    {
                        hidden.Clear(); // a <head> left open ends where the body starts
                    }
                    else if (invisible.TryGetValue(name, out var element) && !tokens.SelfClosing && !RawText(name) && !Void.Contains(element) && hidden.Count < 256)
                    {
                        hidden.Add(element);
                    }

                    if (blocks.Contains(name))
                    {
                        text.Append('\n');
                    }

                    break;
                case HtmlTokenKind.EndTag:
                    if (hidden.Count > 0 && invisible.TryGetValue(name, out var closed) && hidden.LastIndexOf(closed) is var open and >= 0)
                    {
                        hidden.RemoveRange(open, hidden.Count - open);
                    }

                    if (blocks.Contains(name))
                    {
                        text.Append('\n');
                    }

                    break;
            }
        }
    }

    private static bool RawText(ReadOnlySpan<char> name) =>
        name.Equals("script", StringComparison.OrdinalIgnoreCase) || name.Equals("style", StringComparison.OrdinalIgnoreCase);

    private static void AppendDecoded(ReadOnlySpan<char> run, StringBuilder text)
    {
        if (run.Contains('&'))
        {
            text.Append(WebUtility.HtmlDecode(run.ToString()));
        }
        else
        {
            text.Append(run);
        }
    }

    /// <summary>The text of a parsed node, walked with a stack of its own so that no nesting can overflow the thread's.</summary>
    internal static void Append(HtmlNode root, StringBuilder text)
    {
        var pending = new Stack<(HtmlNode Node, bool Closing)>();
        pending.Push((root, false));
        while (pending.TryPop(out var entry))
        {
            var node = entry.Node;
            if (entry.Closing)
            {
                text.Append('\n');
                continue;
            }

            switch (node.NodeType)
            {
                case HtmlNodeType.Text:
                    text.Append(WebUtility.HtmlDecode(((HtmlTextNode)node).Text));
                    continue;
                case HtmlNodeType.Comment:
                    continue;
            }

            if (Invisible.Contains(node.Name))
            {
                continue;
            }

            if (Blocks.Contains(node.Name))
            {
                text.Append('\n');
                pending.Push((node, true));
            }

            for (var child = node.LastChild; child is not null; child = child.PreviousSibling)
            {
                pending.Push((child, false));
            }
        }
    }
}
