namespace Ingest.Core.Topics;

/// <summary>Picks the sentence with the most matches, cut from the original text, and where the matches are in it.</summary>
internal static class Snippets
{
    public const int MaxLength = 280;

    /// <summary>
    /// The best passage for <paramref name="spans"/> (character ranges of the text, any order; sorted here):
    /// the title when there are none.
    /// </summary>
    public static (string? Snippet, IReadOnlyList<TextSpan> Highlights) Best(
        string text, List<(int Start, int End)> spans, string title, List<(int Start, int End)> sentences)
    {
        if (spans.Count == 0)
        {
            return (string.IsNullOrWhiteSpace(title) ? null : title.Trim(), []);
        }

        spans.Sort();
        RemoveRepeats(spans);

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
        var highlights = new List<TextSpan>();
        foreach (var (spanStart, spanEnd) in spans)
        {
            var at = spanStart - start - leading;
            if (spanStart >= start && spanEnd <= end && at >= 0 && at + spanEnd - spanStart <= snippet.Length)
            {
                highlights.Add(new TextSpan(at, spanEnd - spanStart));
            }
        }

        return (snippet, highlights);
    }

    private static void RemoveRepeats(List<(int Start, int End)> sorted)
    {
        var kept = 1;
        for (var i = 1; i < sorted.Count; i++)
        {
            if (sorted[i] != sorted[kept - 1])
            {
                sorted[kept++] = sorted[i];
            }
        }

        sorted.RemoveRange(kept, sorted.Count - kept);
    }

    /// <summary>
    /// Splits <paramref name="text"/> into <paramref name="into"/> (cleared first): a sentence ends at . ! ? …
    /// followed by white space and a capital (any script) or an opening quote, or at a run of line breaks.
    /// </summary>
    public static void Sentences(string text, List<(int Start, int End)> into)
    {
        into.Clear();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            int end;
            if (text[i] == '\n')
            {
                end = i + 1;
                while (end < text.Length && text[end] == '\n')
                {
                    end++;
                }
            }
            else if (text[i] is '.' or '!' or '?' or '…' && StartsSentence(text, i + 1))
            {
                end = i + 1;
            }
            else
            {
                continue;
            }

            into.Add((start, end));
            start = end;
            i = end - 1;
        }

        if (start < text.Length)
        {
            into.Add((start, text.Length));
        }
    }

    /// <summary>White space, then a capital letter or an opening quote.</summary>
    private static bool StartsSentence(string text, int at)
    {
        var next = at;
        while (next < text.Length && char.IsWhiteSpace(text[next]))
        {
            next++;
        }

        return next > at && next < text.Length && (char.IsUpper(text[next]) || text[next] is '„' or '“' or '"' or '«');
    }
}
