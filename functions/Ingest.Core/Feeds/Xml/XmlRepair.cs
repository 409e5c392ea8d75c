using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Ingest.Core.Feeds.Xml;

/// <summary>
/// Fixes the faults that make real feeds ill-formed: bare ampersands, HTML entities like <c>&amp;nbsp;</c>
/// that XML does not know, control characters XML forbids, a bare <c>&lt;</c> in text, and HTML pasted
/// unescaped into an RSS description or <c>content:encoded</c> (whose <c>&lt;br&gt;</c> and unclosed
/// <c>&lt;p&gt;</c> break the document): that content is what RSS means as HTML, so it is wrapped as CDATA.
/// </summary>
internal static partial class XmlRepair
{
    public static string Repair(string text)
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
        text = BareAmpersand().Replace(text, "&amp;");
        text = BareLessThan().Replace(text, "&lt;");
        return WrapUnescapedHtml(text);
    }

    /// <summary>One pass from field to field, so a document full of unclosed fields costs no more than one read of it.</summary>
    private static string WrapUnescapedHtml(string text)
    {
        StringBuilder? repaired = null;
        var copied = 0;
        var open = HtmlFieldStart().Match(text);
        while (open.Success)
        {
            var bodyStart = open.Index + open.Length;
            var close = text.IndexOf("</" + open.Groups["name"].Value, bodyStart, StringComparison.OrdinalIgnoreCase);
            if (close < 0)
            {
                break;
            }

            var body = text.AsSpan(bodyStart, close - bodyStart);
            if (body.Contains('<') && !body.TrimStart().StartsWith("<![CDATA[", StringComparison.Ordinal))
            {
                repaired ??= new StringBuilder(text.Length + 256);
                repaired.Append(text, copied, bodyStart - copied)
                    .Append("<![CDATA[")
                    .Append(body.ToString().Replace("]]>", "]]]]><![CDATA[>", StringComparison.Ordinal))
                    .Append("]]>");
                copied = close;
            }

            // The next field starts after this one's end tag: a start tag inside this body is part of the body.
            open = HtmlFieldStart().Match(text, close);
        }

        return repaired is null ? text : repaired.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>A <c>&lt;</c> that cannot start markup: followed by a space, a digit, "=" or the end.</summary>
    [GeneratedRegex(@"<(?=[\s\d=<]|$)")]
    private static partial Regex BareLessThan();

    /// <summary>The start tag of an RSS field that holds HTML.</summary>
    [GeneratedRegex(@"<(?<name>description|content:encoded)(?:\s[^>]*)?>", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlFieldStart();

    [GeneratedRegex(@"[\x00-\x08\x0B\x0C\x0E-\x1F]")]
    private static partial Regex ControlCharacters();

    [GeneratedRegex(@"&([A-Za-z][A-Za-z0-9]{1,31});")]
    private static partial Regex NamedEntity();

    [GeneratedRegex(@"&(?!#[0-9]{1,7};|#x[0-9A-Fa-f]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")]
    private static partial Regex BareAmpersand();
}
