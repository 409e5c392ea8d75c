namespace Ingest.Core.Topics;

/// <summary>A run of a snippet, marked when the matcher found a term there.</summary>
public readonly record struct SnippetRun(string Text, bool Marked);

/// <summary>Splits a snippet into runs so a page or a mail can mark what matched without building markup from text.</summary>
public static class SnippetMarks
{
    /// <summary>
    /// The matcher's highlights (every form, any script), or where it gave none, the matched terms' names wherever
    /// they appear.
    /// </summary>
    public static IReadOnlyList<SnippetRun> Split(string snippet, IReadOnlyList<TextSpan>? highlights, IReadOnlyList<MatchedTerm> matched)
    {
        var marks = new bool[snippet.Length];
        foreach (var span in highlights ?? [])
        {
            if (span.Start >= 0 && span.Length > 0 && span.Start + span.Length <= snippet.Length)
            {
                Array.Fill(marks, true, span.Start, span.Length);
            }
        }

        // A term lists the words the article used for it ("Javelin / Bayraktar"); notes in parentheses are no words.
        var byName = highlights is { Count: > 0 }
            ? []
            : matched.Where(m => !m.Term.Contains(" ~ ", StringComparison.Ordinal) && !m.Term.StartsWith('('))
                .SelectMany(m => m.Term.Split(" / "))
                .Where(t => t.Length > 1)
                .Select(t => t.TrimEnd('*'));
        foreach (var term in byName)
        {
            for (var at = snippet.IndexOf(term, StringComparison.OrdinalIgnoreCase); at >= 0; at = snippet.IndexOf(term, at + term.Length, StringComparison.OrdinalIgnoreCase))
            {
                Array.Fill(marks, true, at, term.Length);
            }
        }

        var runs = new List<SnippetRun>();
        for (var start = 0; start < snippet.Length;)
        {
            var end = start + 1;
            while (end < snippet.Length && marks[end] == marks[start])
            {
                end++;
            }

            runs.Add(new SnippetRun(snippet[start..end], marks[start]));
            start = end;
        }

        return runs;
    }

    /// <summary>Only http(s) links are linked: a feed cannot put <c>javascript:</c> in a digest or on a page.</summary>
    public static string SafeLink(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.AbsoluteUri : "#";

    /// <summary>Why a hit matched, in words: each term, with how often it was found when more than once.</summary>
    public static string Why(IReadOnlyList<MatchedTerm> matched) =>
        string.Join(", ", matched.Select(m => m.Count > 1 ? $"{m.Term} ×{m.Count}" : m.Term));
}
