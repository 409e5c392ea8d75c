namespace Ingest.Core.Polling;

/// <summary>
/// Tells a feed item's text from a stub of its article. Many news feeds give a sentence or two and a "Read more";
/// a topic the article is about may first be named in its third paragraph, so for <c>fullText: "auto"</c> a stub is
/// the sign to read the page.
/// </summary>
public static class StubText
{
    /// <summary>Characters of plain text under which an item's text is taken for a teaser.</summary>
    public const int MinLength = 500;

    /// <summary>Marks of an elided text, at its very end.</summary>
    private static readonly string[] Ellipses = ["…", "...", "[…]", "[...]", "(…)", "(...)", "[…].", "[...]."];

    /// <summary>
    /// How feeds end a cut text ("Read more" and its kin), in the languages of the region's coverage; only punctuation
    /// or an arrow may follow. Compared with the end of the text, ignoring case.
    /// </summary>
    private static readonly string[] ReadMore =
    [
        "read more", "read the full story", "read the full article", "continue reading", "full story", "more",
        "pročitajte više", "procitajte vise", "pročitaj više", "opširnije", "opsirnije", "više", "detaljnije", "saznajte više",
        "прочитајте више", "опширније", "више", "детаљније", "прочитај повеќе", "повеќе", "прочетете още", "още",
        "подробнее", "читать далее", "читать дальше", "lexo më shumë", "lexo më tej", "lexo me shume", "më shumë",
        "weiterlesen", "mehr lesen", "mehr", "lire la suite", "leggi tutto", "leggi di più", "διαβάστε περισσότερα", "περισσότερα",
    ];

    public static ItemText Judge(string? title, string text)
    {
        var body = text.Trim();
        return body.Length == 0 || IsTitleAgain(title, body) || EndsCut(body) ? ItemText.Cut
            : body.Length < MinLength ? ItemText.Brief
            : ItemText.Full;
    }

    /// <summary>The title again, perhaps with a few characters more (a date, the outlet's name).</summary>
    private static bool IsTitleAgain(string? title, string body)
    {
        var heading = title?.Trim() ?? "";
        return heading.Length > 0 && body.Length < heading.Length + 40 && body.StartsWith(heading, StringComparison.OrdinalIgnoreCase);
    }

    private static bool EndsCut(string body)
    {
        if (Ellipses.Any(e => body.EndsWith(e, StringComparison.Ordinal)))
        {
            return true;
        }

        var end = body.TrimEnd(' ', '.', ':', '!', '»', '›', '→', '>', ')', ']', '"', '\'', '\u00A0');
        foreach (var ending in ReadMore)
        {
            // A short word ("more", "više") ends ordinary sentences too: it counts only standing apart from the sentence.
            if (end.EndsWith(ending, StringComparison.OrdinalIgnoreCase)
                && (end.Length == ending.Length || !char.IsLetter(end[end.Length - ending.Length - 1]))
                && (ending.Length > 6 || StandsApart(end, ending.Length)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when a short ending word follows a sentence's end or a line break, not a word of the sentence.</summary>
    private static bool StandsApart(string end, int length)
    {
        var before = end[..^length].TrimEnd(' ', '\u00A0', '\t');
        return before.Length == 0 || before[^1] is '.' or '!' or '?' or '\n' or '|' or '»' or '"' or '…';
    }
}
