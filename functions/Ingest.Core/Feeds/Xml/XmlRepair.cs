using System.Net;
using System.Text.RegularExpressions;

namespace Ingest.Core.Feeds.Xml;

/// <summary>
/// Fixes the faults that make real feeds ill-formed: bare ampersands, HTML entities like <c>&amp;nbsp;</c>
/// that XML does not know, and control characters XML forbids.
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
        return BareAmpersand().Replace(text, "&amp;");
    }

    [GeneratedRegex(@"[\x00-\x08\x0B\x0C\x0E-\x1F]")]
    private static partial Regex ControlCharacters();

    [GeneratedRegex(@"&([A-Za-z][A-Za-z0-9]{1,31});")]
    private static partial Regex NamedEntity();

    [GeneratedRegex(@"&(?!#[0-9]{1,7};|#x[0-9A-Fa-f]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")]
    private static partial Regex BareAmpersand();
}
