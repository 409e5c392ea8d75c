using System.Text.RegularExpressions;

namespace Ingest.Core.Text;

/// <summary>Reads one attribute from the attributes of a tag as written: quoted with either quote, or bare.</summary>
public static partial class HtmlAttributes
{
    public static string? Find(ReadOnlySpan<char> attributes, string name)
    {
        foreach (var match in Attribute().EnumerateMatches(attributes))
        {
            var attribute = attributes.Slice(match.Index, match.Length);
            var equals = attribute.IndexOf('=');
            if (attribute[..equals].Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                var value = attribute[(equals + 1)..].Trim();
                return (value is ['"', .., '"'] or ['\'', .., '\''] ? value[1..^1] : value).ToString();
            }
        }

        return null;
    }

    [GeneratedRegex(@"[^\s=/""']+\s*=\s*(?:""[^""]*""|'[^']*'|[^\s""'>]+)")]
    private static partial Regex Attribute();
}
