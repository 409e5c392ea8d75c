namespace Ingest.Core.Text;

/// <summary>
/// How deep a page's elements nest, measured in one pass before anything builds a tree of it. Real pages stay
/// under a hundred levels; a hostile one nests tens of thousands, which tree builders and walkers pay for with
/// quadratic time or the stack.
/// </summary>
public static class HtmlNesting
{
    /// <summary>Elements whose end tag may be left out: a second one closes the first, as browsers read it.</summary>
    private static readonly HashSet<string> SelfEnding = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "li", "dt", "dd", "tr", "td", "th", "option",
    };

    /// <summary>True when elements open more than <paramref name="maxDepth"/> deep anywhere in <paramref name="html"/>.</summary>
    public static bool Exceeds(ReadOnlySpan<char> html, int maxDepth)
    {
        var voids = HtmlText.Void.GetAlternateLookup<ReadOnlySpan<char>>();
        var selfEnding = SelfEnding.GetAlternateLookup<ReadOnlySpan<char>>();
        var open = new List<string>(64);
        var tokens = new HtmlTokenizer(html);
        while (tokens.Next())
        {
            var name = tokens.Value;
            if (tokens.Kind == HtmlTokenKind.StartTag)
            {
                if (tokens.SelfClosing || voids.Contains(name) || name.Equals("script", StringComparison.OrdinalIgnoreCase) || name.Equals("style", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (selfEnding.Contains(name) && open.Count > 0 && name.Equals(open[^1], StringComparison.OrdinalIgnoreCase))
                {
                    continue; // the new one takes the place of the one it ends
                }

                open.Add(name.ToString());
                if (open.Count > maxDepth)
                {
                    return true;
                }
            }
            else if (tokens.Kind == HtmlTokenKind.EndTag)
            {
                for (var i = open.Count - 1; i >= 0; i--)
                {
                    if (name.Equals(open[i], StringComparison.OrdinalIgnoreCase))
                    {
                        open.RemoveRange(i, open.Count - i);
                        break;
                    }
                }
            }
        }

        return false;
    }
}
