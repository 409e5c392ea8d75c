using System.Text;
using System.Text.RegularExpressions;

namespace Ingest.Core.Feeds.Xml;

/// <summary>
/// Decides what of a DOCTYPE may reach the XML reader. Nothing a DOCTYPE points to is ever fetched, so an
/// external identifier is dropped. An internal subset passes only when every declaration in it is harmless:
/// general entities whose value is plain text (character references allowed), plus element, attribute-list and
/// notation declarations, which are dropped. A parameter entity may serve only to declare such entities: its
/// value is vetted like the subset where it is referred to, once deep, and one that names a W3C entity set by
/// its public identifier is that set, taken from <see cref="HtmlEntitySet"/>. Any other external entity, an
/// entity that refers to other entities (the billion laughs) and one longer than <see cref="MaxEntityChars"/>
/// are refused; the declarations kept stay under <see cref="MaxDeclarationChars"/>, and the reader caps the
/// total expansion, so a quadratic blow-up is refused too.
/// </summary>
internal static partial class DoctypeVetting
{
    public const int MaxEntityChars = 1024;

    public const int MaxDeclarationChars = 64 * 1024;

    /// <summary>The DOCTYPE to give the reader in place of <paramref name="doctype"/>: empty when it declares nothing.</summary>
    public static string Rewrite(Match doctype, out int entities)
    {
        var subset = doctype.Groups["subset"];
        var kept = new StringBuilder();
        entities = subset.Success ? Vet(subset.Value, kept, [], expanding: false) : 0;
        return entities == 0 ? "" : $"<!DOCTYPE {doctype.Groups["root"].Value} [{kept}]>";
    }

    /// <summary>Appends the general entities <paramref name="text"/> declares to <paramref name="kept"/>; returns how many.</summary>
    private static int Vet(string text, StringBuilder kept, Dictionary<string, string> parameters, bool expanding)
    {
        var entities = 0;
        var position = 0;
        while (position < text.Length)
        {
            var declaration = Declaration().Match(text, position);
            if (!declaration.Success || declaration.Index != position)
            {
                throw Refused("the DTD declares more than plain-text entities");
            }

            position += declaration.Length;
            var name = declaration.Groups["name"];
            if (declaration.Groups["reference"] is { Success: true } reference)
            {
                if (expanding || !parameters.TryGetValue(reference.Value, out var replacement))
                {
                    throw Refused($"the DTD refers to a parameter entity it does not declare plainly (%{reference.Value};)");
                }

                entities += Vet(replacement, kept, parameters, expanding: true);
            }
            else if (name.Success && declaration.Groups["parameter"].Success)
            {
                if (expanding)
                {
                    throw Refused("a parameter entity declares parameter entities");
                }

                parameters.TryAdd(name.Value, ParameterValue(declaration));
            }
            else if (name.Success)
            {
                KeepGeneralEntity(declaration, kept);
                entities++;
            }

            if (kept.Length > MaxDeclarationChars)
            {
                throw Refused($"the DTD's entity declarations run past {MaxDeclarationChars} characters");
            }
        }

        return entities;
    }

    /// <summary>What a reference to the parameter entity stands for: its own text, or a known entity set.</summary>
    private static string ParameterValue(Match declaration)
    {
        var value = declaration.Groups["value"];
        if (value.Success)
        {
            return value.Value;
        }

        var publicId = PublicId().Match(declaration.Groups["external"].Value);
        return publicId.Success && HtmlEntitySet.IsKnown(publicId.Groups["id"].Value)
            ? HtmlEntitySet.Declarations
            : throw Refused("the DTD declares a parameter entity from outside the document (XXE)");
    }

    private static void KeepGeneralEntity(Match declaration, StringBuilder kept)
    {
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
    }

    private static FeedParseException Refused(string why) =>
        new(FeedParseFailure.Unsafe, $"refused: {why} (external entities and entity expansion are never processed)");

    /// <summary>
    /// One piece of an internal subset: blank space, a comment or processing instruction, a declaration of an
    /// element, attribute list or notation (dropped, whatever parameter entities it names), an entity declaration
    /// with a quoted value or an external identifier, or a parameter-entity reference.
    /// </summary>
    [GeneratedRegex(@"\G(?:\s+|\[|\]|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!(?:ELEMENT|ATTLIST|NOTATION)\s(?:""[^""]*""|'[^']*'|[^>""'])*>|%(?<reference>[^\s%;<>""']+);|<!ENTITY\s+(?<parameter>%\s+)?(?<name>[^\s""'%>]+)\s+(?:(?<quote>[""'])(?<value>(?:(?!\k<quote>)[\s\S])*)\k<quote>\s*>|(?<external>(?:""[^""]*""|'[^']*'|[^>""'])*)>))")]
    private static partial Regex Declaration();

    [GeneratedRegex(@"^\s*PUBLIC\s+(?<quote>[""'])(?<id>[^""']*)\k<quote>")]
    private static partial Regex PublicId();

    [GeneratedRegex(@"&(?!#)")]
    private static partial Regex EntityReference();
}
