using System.Text.RegularExpressions;

namespace Ingest.Core.Topics;

/// <summary>Picks the sentence with the most matches, cut from the original text, and where the matches are in it.</summary>
internal static partial class Snippets
{
    public const int MaxLength = 280;

    public static (string? Snippet, IReadOnlyList<TextSpan> Highlights) Best(
        string text, List<Token> words, List<(int First, int Last)> matches, string title, List<(int Start, int End)> sentences)
    {
        if (matches.Count == 0)
        {
            return (string.IsNullOrWhiteSpace(title) ? null : title.Trim(), []);
        }

        var spans = matches.Select(m => (Start: words[m.First].Start, End: words[m.Last].End)).Distinct().ToList();
        spans.Sort();

        // Sentences and matches are both in text order: one pass counts the matches inside each sentence.
        (int Start, int End) best = sentences[0];
        var bestCount = -1;
        var next = 0;
        foreach (var sentence in sentences)
        {
            while (next < spans.Count && spans[next].Start < sentence.Start)
            {
                next++;
            }

            var count = 0;
            for (var i = next; i < spans.Count && spans[i].Start < sentence.End; i++)
            {
                count += spans[i].End <= sentence.End ? 1 : 0;
            }

            if (count > bestCount)
            {
                (best, bestCount) = (sentence, count);
            }
        }

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

    public static List<(int Start, int End)> Sentences(string text)
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
