using System.Text.RegularExpressions;

namespace Ingest.Core.Feeds.Xml;

/// <summary>
/// An author as feeds write one — "Name", "address (Name)" as RSS asks, "Name (address)" or "Name &lt;address&gt;" —
/// reduced to the name, so one person reads alike in every format; a bare address stays as it is.
/// </summary>
internal static partial class PersonName
{
    public static string? Of(string? text)
    {
        if (text is null || !text.Contains('@'))
        {
            return text;
        }

        var named = WithAddress().Match(text);
        return named.Success ? named.Groups["name"].Value.Trim() : text;
    }

    [GeneratedRegex(@"^\s*[^\s()<>]+@[^\s()<>]+\s*\((?<name>[^)]+)\)\s*$|^\s*(?<name>[^<>()]+?)\s*(?:<[^\s<>]+@[^\s<>]+>|\([^\s()]+@[^\s()]+\))\s*$")]
    private static partial Regex WithAddress();
}
