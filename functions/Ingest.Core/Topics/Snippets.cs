using System.Buffers;

namespace Ingest.Core.Topics;

/// <summary>Picks the sentence with the most matches, cut from the original text, and where the matches are in it.</summary>
internal static class Snippets
{
    public const int MaxLength = 280;

    /// <summary>
    /// The best passage for <paramref name="spans"/> (character ranges of the text, any order; sorted here):
    /// the title when there are none.
    /// </summary>
    /// <param name="cuts">Passages already cut from this text, by range: hits that pick one sentence share its string.</param>
    public static (string? Snippet, IReadOnlyList<TextSpan> Highlights) Best(
        string text, List<(int Start, int End)> spans, string title, List<(int Start, int End)> sentences, Dictionary<(int Start, int End), string>? cuts = null)
    {
        if (spans.Count == 0)
        {
            return (string.IsNullOrWhiteSpace(title) ? null : title.Trim(), []);
        }

        spans.Sort();
        RemoveRepeats(spans);

        // Matches are in text order, so the sentences holding them come in order too: each match's sentence is found
        // by a binary search, and the count of a sentence is done when the next match falls in a later one. A
        // match that runs past its sentence's end counts for none; the first of equals wins.
        (int Start, int End) best = sentences[0];
        var bestCount = 0;
        var (current, count) = (-1, 0);
        foreach (var (spanStart, spanEnd) in spans)
        {
            var at = SentenceAt(sentences, spanStart);
            if (at != current)
            {
                (current, count) = (at, 0);
            }

            if (at >= 0 && spanEnd <= sentences[at].End && ++count > bestCount)
            {
                (best, bestCount) = (sentences[at], count);
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

        var passage = text.AsSpan(start, end - start);
        var leading = passage.Length - passage.TrimStart().Length;
        if (cuts is null || !cuts.TryGetValue((start, end), out var snippet))
        {
            snippet = passage.Trim().ToString();
            cuts?.Add((start, end), snippet);
        }

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

    /// <summary>The sentence that starts at or before <paramref name="start"/> and ends after it, or -1.</summary>
    private static int SentenceAt(List<(int Start, int End)> sentences, int start)
    {
        var (low, high) = (0, sentences.Count - 1);
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            (low, high) = sentences[middle].Start <= start ? (middle, high) : (low, middle - 1);
        }

        return sentences[low].Start <= start && start < sentences[low].End ? low : -1;
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
        var i = 0;
        while (text.AsSpan(i).IndexOfAny(Stops) is >= 0 and var found)
        {
            // A vectorised search leaps to the next character that may end a sentence: most characters cannot.
            i += found;
            int end;
            if (text[i] == '\n')
            {
                end = i + 1;
                while (end < text.Length && text[end] == '\n')
                {
                    end++;
                }
            }
            else if (StartsSentence(text, i + 1))
            {
                end = i + 1;
            }
            else
            {
                i++;
                continue;
            }

            into.Add((start, end));
            start = i = end;
        }

        if (start < text.Length)
        {
            into.Add((start, text.Length));
        }
    }

    private static readonly SearchValues<char> Stops = SearchValues.Create(".!?…\n");

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
