using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Ingest.Core.Feeds.Xml;

/// <summary>
/// Makes the links inside a feed's HTML absolute, against the base in scope where the HTML stood (its
/// <c>xml:base</c>, else the feed's address): a relative <c>href</c> or <c>src</c> that worked on the publisher's
/// page points nowhere in a digest. The result is what a browser would request: characters outside ASCII
/// percent-encoded as UTF-8. Absolute links, fragments and other schemes are left as written, and HTML without a
/// relative link is returned uncopied.
/// </summary>
internal static partial class RelativeLinks
{
    public static string? Resolve(string? html, Uri? baseUri)
    {
        if (html is null || baseUri is null)
        {
            return html;
        }

        StringBuilder? resolved = null;
        var copied = 0;
        for (var link = LinkAttribute().Match(html); link.Success; link = link.NextMatch())
        {
            // An attribute, not a word in the text: after white space, inside a tag (the nearest angle bracket before it opens one).
            var lastBracket = html.AsSpan(0, link.Index).LastIndexOfAny('<', '>');
            if (link.Index == 0 || !char.IsWhiteSpace(html[link.Index - 1]) || lastBracket < 0 || html[lastBracket] != '<'
                || Absolute(link.Groups["value"].Value, baseUri) is not { } absolute)
            {
                continue;
            }

            resolved ??= new StringBuilder(html.Length + 64);
            resolved.Append(html, copied, link.Index - copied)
                .Append(link.Groups["name"].Value).Append("=\"")
                .Append(absolute.Replace("&", "&amp;", StringComparison.Ordinal).Replace("\"", "%22", StringComparison.Ordinal))
                .Append('"');
            copied = link.Index + link.Length;
        }

        return resolved is null ? html : resolved.Append(html, copied, html.Length - copied).ToString();
    }

    /// <summary>The absolute http(s) address a relative link stands for; null for a link to leave as it is.</summary>
    private static string? Absolute(string written, Uri baseUri)
    {
        var href = (written.Contains('&') ? WebUtility.HtmlDecode(written) : written).Trim();
        if (href.Length == 0 || href[0] == '#' || HasScheme(href))
        {
            return null;
        }

        return Uri.TryCreate(baseUri, href, out var absolute) && absolute.Scheme is "http" or "https" ? absolute.AbsoluteUri : null;
    }

    /// <summary>Whether the link names its scheme (<c>https:</c>, <c>mailto:</c>, <c>data:</c>): it is not relative.</summary>
    private static bool HasScheme(string href)
    {
        var colon = href.IndexOf(':');
        if (colon <= 0 || !char.IsAsciiLetter(href[0]))
        {
            return false;
        }

        foreach (var c in href.AsSpan(1, colon - 1))
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A link-bearing attribute, its value quoted either way or bare. It starts with its name, so the search for one is vectorised.</summary>
    [GeneratedRegex(@"(?<name>href|src|poster|cite|longdesc|background)\s*=\s*(?:""(?<value>[^""]*)""|'(?<value>[^']*)'|(?<value>[^\s""'>]+))", RegexOptions.IgnoreCase)]
    private static partial Regex LinkAttribute();
}
