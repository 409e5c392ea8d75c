using System.Text;
using System.Text.RegularExpressions;

namespace Ingest.Core.Feeds.Xml;

/// <summary>
/// Decides what of a DOCTYPE may reach the XML reader. Nothing a DOCTYPE points to is ever fetched, so an
/// external identifier is dropped. An internal subset passes only when every declaration in it is harmless:
/// general entities whose value is plain text (character references allowed), plus element, attribute-list and
/// notation declarations, which are dropped. Parameter entities, external entities and entities that refer to
/// other entities (the billion laughs) are refused; so is an entity longer than <see cref="MaxEntityChars"/>,
/// and the reader caps the total expansion, so a quadratic blow-up is refused too.
/// </summary>
internal static partial class DoctypeVetting
{
    public const int MaxEntityChars = 1024;

    /// <summary>The DOCTYPE to give the reader in place of <paramref name="doctype"/>: empty when it declares nothing.</summary>
    public static string Rewrite(Match doctype, out int entities)
    {
        entities = 0;
        var subset = doctype.Groups["subset"];
        if (!subset.Success)
        {
            return "";
        }

        var kept = new StringBuilder();
        var position = 0;
        var text = subset.Value;
        while (position < text.Length)
        {
            var declaration = Declaration().Match(text, position);
            if (!declaration.Success || declaration.Index != position)
            {
                throw Refused("the DTD declares more than plain-text entities");
            }

            position += declaration.Length;
            if (!declaration.Groups["name"].Success)
            {
                continue;
            }

            if (declaration.Groups["parameter"].Success)
            {
                throw Refused("the DTD declares parameter entities");
            }

            var value = declaration.Groups["value"];
            if (!value.Success)
            {
                throw Refused("the DTD declares external entities (XXE)");
            }

            if (value.Value.Contains('%') || value.Value.Contains('<') || EntityReference().IsMatch(value.Value))
            {
                throw Refused("the DTD declares entities that expand other entities or markup");
            }

            if (value.Length > MaxEntityChars)
            {
                throw Refused($"the DTD declares an entity longer than {MaxEntityChars} characters");
            }

            var quote = declaration.Groups["quote"].Value;
            kept.Append("<!ENTITY ").Append(declaration.Groups["name"].Value).Append(' ')
                .Append(quote).Append(value.Value).Append(quote).Append('>');
            entities++;
        }

        return entities == 0 ? "" : $"<!DOCTYPE {doctype.Groups["root"].Value} [{kept}]>";
    }

    private static FeedParseException Refused(string why) =>
        new(FeedParseFailure.Unsafe, $"refused: {why} (external entities and entity expansion are never processed)");

    [GeneratedRegex(@"\G(?:\s+|\[|\]|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!(?:ELEMENT|ATTLIST|NOTATION)\s(?:""[^""]*""|'[^']*'|[^>""'%])*>|<!ENTITY\s+(?<parameter>%\s+)?(?<name>[^\s""'%>]+)\s+(?:(?<quote>[""'])(?<value>(?:(?!\k<quote>)[\s\S])*)\k<quote>\s*>|(?:""[^""]*""|'[^']*'|[^>""'])*>))")]
    private static partial Regex Declaration();

    [GeneratedRegex(@"&(?!#)")]
    private static partial Regex EntityReference();
}
