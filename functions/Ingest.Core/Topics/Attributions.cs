namespace Ingest.Core.Topics;

/// <summary>
/// A news outlet cited as the source of a story is not what the story is about: "(Sputnik)", "/TASS/",
/// "told RT Balkan", "javlja Sputnik". Finds of the model's outlets that stand like that are dropped, with
/// every other form read from the same words, before anything is counted; an outlet the article writes about
/// ("Sputnik's Serbian service spreads ...") still counts.
/// </summary>
internal static class Attributions
{
    // Folded words that cite a source just before its name: English, the region's languages (Cyrillic folds to
    // these too), Albanian, Russian, Bulgarian, German, French.
    private static readonly HashSet<string> CitingBefore =
    [
        "told", "according", "via", "citing", "cited", "quoted", "agency",
        "za", "prenosi", "prenio", "prenela", "prenijela", "prenese", "prenesuva", "javlja", "javio", "javila", "pise", "navodi",
        "agencija", "agenciji", "agenciju", "agencije",
        "sipas", "per", "tha", "njofton", "raporton", "agjencia", "agjencise",
        "soobscaet", "peredaet", "agentstvu", "agentstvo", "spored", "sobsti",
        "laut", "gegenuber", "agentur", "selon", "agence",
    ];

    // Folded words that cite a source just after its name ("Sputnik reported", "javlja Tanjug" reads as before).
    private static readonly HashSet<string> CitingAfter =
    [
        "reported", "reports", "reporting", "javlja", "prenosi", "pise", "navodi", "raporton", "njofton", "soobscaet", "berichtet",
    ];

    /// <summary>Removes from <paramref name="found"/> every outlet find and every find on the words of an outlet cited as a source.</summary>
    public static void Drop(ReadOnlySpan<char> source, ReadOnlySpan<Token> words, List<TrieFind> found)
    {
        var outlets = false;
        List<(int First, int Last)>? cited = null;
        foreach (var find in found)
        {
            if (find.Entry.Kind == EntryKind.Outlet)
            {
                outlets = true;
                if (IsCitation(source, words, find.First, find.Last))
                {
                    (cited ??= []).Add((find.First, find.Last));
                }
            }
        }

        if (!outlets)
        {
            return;
        }

        var kept = 0;
        for (var i = 0; i < found.Count; i++)
        {
            var find = found[i];
            if (find.Entry.Kind != EntryKind.Outlet && !Overlaps(cited, find))
            {
                found[kept++] = find;
            }
        }

        found.RemoveRange(kept, found.Count - kept);
    }

    private static bool Overlaps(List<(int First, int Last)>? cited, TrieFind find)
    {
        if (cited is null)
        {
            return false;
        }

        foreach (var (first, last) in cited)
        {
            if (first <= find.Last && find.First <= last)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsCitation(ReadOnlySpan<char> source, ReadOnlySpan<Token> words, int first, int last)
    {
        var before = Gap(source, first == 0 ? 0 : words[first - 1].End, words[first].Start);
        var after = Gap(source, words[last].End, last + 1 < words.Length ? words[last + 1].Start : source.Length);
        if (before.IndexOfAny("(/[—–") >= 0 || after.IndexOfAny(")/]") >= 0)
        {
            return true;
        }

        for (var w = first - 1; w >= Math.Max(0, first - 2); w--)
        {
            if (CitingBefore.Contains(words[w].Text))
            {
                return true;
            }
        }

        return last + 1 < words.Length && CitingAfter.Contains(words[last + 1].Text);
    }

    private static ReadOnlySpan<char> Gap(ReadOnlySpan<char> source, int from, int to) => from < to ? source[from..to] : [];
}
