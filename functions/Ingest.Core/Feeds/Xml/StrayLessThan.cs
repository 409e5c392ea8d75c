using System.Text;

namespace Ingest.Core.Feeds.Xml;

/// <summary>
/// Keeps a feed's HTML saying what its publisher wrote when a <c>&lt;</c> in it opens no markup: "&lt;!'" or
/// "a &lt; b" was text on the page it came from, but a browser (and <see cref="Text.HtmlText"/>) reading it
/// raw would take <c>&lt;!</c> for the start of a comment and swallow what follows. Such a <c>&lt;</c> is
/// written <c>&amp;lt;</c>; tags, end tags, comments, declarations and CDATA are left as they are.
/// </summary>
internal static class StrayLessThan
{
    public static string? Escape(string? html)
    {
        var stray = html is null ? -1 : Next(html, 0);
        if (stray < 0)
        {
            return html;
        }

        var escaped = new StringBuilder(html!.Length + 16);
        var copied = 0;
        while (stray >= 0)
        {
            escaped.Append(html, copied, stray - copied).Append("&lt;");
            copied = stray + 1;
            stray = Next(html, copied);
        }

        return escaped.Append(html, copied, html.Length - copied).ToString();
    }

    private static int Next(string html, int from)
    {
        for (var at = html.IndexOf('<', from); at >= 0; at = html.IndexOf('<', at + 1))
        {
            if (!OpensMarkup(html.AsSpan(at + 1)))
            {
                return at;
            }
        }

        return -1;
    }

    private static bool OpensMarkup(ReadOnlySpan<char> after) => after switch
    {
        [var c, ..] when char.IsAsciiLetter(c) => true,
        ['/', var c, ..] when char.IsAsciiLetter(c) => true,
        ['!', '-', '-', ..] or ['?', ..] => true,
        ['!', '[', 'C', 'D', 'A', 'T', 'A', '[', ..] => true,
        ['!', var c, ..] when char.IsAsciiLetter(c) => true,
        _ => false,
    };
}
