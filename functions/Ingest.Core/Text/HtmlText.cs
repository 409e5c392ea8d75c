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

        var document = new HtmlDocument();
        document.LoadHtml(html);
        var text = new StringBuilder(html.Length);
        Append(document.DocumentNode, text);
        var result = NormalizeWhitespace(text.ToString());
        return result.Length == 0 ? null : result;
    }

    /// <summary>Collapses runs of spaces and tabs to one space and runs of blank lines to one line break.</summary>
    public static string NormalizeWhitespace(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        var pendingBreak = false;
        foreach (var c in text)
        {
            if (c is '\n' or '\r' or '\u2028' or '\u2029')
            {
                pendingBreak = builder.Length > 0;
            }
            else if (char.IsWhiteSpace(c) || c == '\u00A0')
            {
                pendingSpace = builder.Length > 0;
            }
            else if (char.IsControl(c))
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
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    internal static void Append(HtmlNode node, StringBuilder text)
    {
        switch (node.NodeType)
        {
            case HtmlNodeType.Text:
                text.Append(WebUtility.HtmlDecode(((HtmlTextNode)node).Text));
                return;
            case HtmlNodeType.Comment:
                return;
        }

        if (Invisible.Contains(node.Name))
        {
            return;
        }

        var block = Blocks.Contains(node.Name);
        if (block)
        {
            text.Append('\n');
        }

        foreach (var child in node.ChildNodes)
        {
            Append(child, text);
        }

        if (block)
        {
            text.Append('\n');
        }
    }
}
