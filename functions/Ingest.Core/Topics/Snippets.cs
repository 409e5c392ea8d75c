using System.Text.RegularExpressions;

namespace Ingest.Core.Topics;

/// <summary>Picks the sentence with the most matches, cut from the original text, and where the matches are in it.</summary>
internal static partial class Snippets
{
    public const int MaxLength = 280;

    public static (string? Snippet, IReadOnlyList<TextSpan> Highlights) Best(string text, List<Token> words, List<(int First, int Last)> matches, string title)
    {
        if (matches.Count == 0)
        {
            return (string.IsNullOrWhiteSpace(title) ? null : title.Trim(), []);
        }

        var spans = matches.Select(m => (Start: words[m.First].Start, End: words[m.Last].End)).Distinct().OrderBy(s => s.Start).ToList();
        var sentences = Sentences(text);
        var best = sentences
            .Select(s => (Sentence: s, Count: spans.Count(m => m.Start >= s.Start && m.End <= s.End)))
            .OrderByDescending(s => s.Count)
            .ThenBy(s => s.Sentence.Start)
            .First().Sentence;

        var (start, end) = best;
        if (end - start > MaxLength)
        {
            // Centre a window on the first match in the sentence.
            var anchor = spans.FirstOrDefault(m => m.Start >= start && m.End <= end);
            start = Math.Max(start, anchor.Start - (MaxLength / 3));
            end = Math.Min(end, start + MaxLength);
        }

        var snippet = text[start..end];
        var leading = snippet.Length - snippet.TrimStart().Length;
        snippet = snippet.Trim();
        var highlights = spans
            .Where(m => m.Start >= start && m.End <= end)
            .Select(m => new TextSpan(m.Start - start - leading, m.End - m.Start))
            .Where(h => h.Start >= 0 && h.Start + h.Length <= snippet.Length)
            .ToList();
        return (snippet, highlights);
    }

    private static List<(int Start, int End)> Sentences(string text)
    {
        var result = new List<(int, int)>();
        var start = 0;
        foreach (Match boundary in SentenceEnd().Matches(text))
        {
            var end = boundary.Index + boundary.Length;
            if (end > start)
            {
                result.Add((start, end));
            }

            start = end;
        }

        if (start < text.Length)
        {
            result.Add((start, text.Length));
        }

        return result;
    }

    // A sentence ends at . ! ? … followed by a space and a capital (any script), or at a line break.
    [GeneratedRegex(@"[.!?…](?=\s+[\p{Lu}„“""«])|\n+")]
    private static partial Regex SentenceEnd();
}
