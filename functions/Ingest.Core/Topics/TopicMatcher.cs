namespace Ingest.Core.Topics;

/// <summary>
/// The compiled topic model: immutable after construction and safe to share between threads. One pass over
/// an article's title and text finds every form of every topic; each topic is then scored from what was found.
/// </summary>
public sealed class TopicMatcher
{
    private readonly TopicModel _model;
    private readonly TermTrie _trie = new();

    public TopicMatcher(TopicModel model)
    {
        _model = model;
        for (var t = 0; t < model.Topics.Count; t++)
        {
            var topic = model.Topics[t];
            for (var i = 0; i < topic.Terms.Count; i++)
            {
                foreach (var form in topic.Terms[i].Forms)
                {
                    _trie.Add(form, new TrieEntry(EntryKind.Term, t, i));
                }
            }

            for (var r = 0; r < topic.RequireNear.Count; r++)
            {
                foreach (var form in topic.RequireNear[r].A)
                {
                    _trie.Add(form, new TrieEntry(EntryKind.NearA, t, r));
                }

                foreach (var form in topic.RequireNear[r].B)
                {
                    _trie.Add(form, new TrieEntry(EntryKind.NearB, t, r));
                }
            }

            foreach (var form in topic.Exclude)
            {
                _trie.Add(form, new TrieEntry(EntryKind.Exclude, t, 0));
            }
        }
    }

    public TopicModel Model => _model;

    /// <summary>The topics whose score reaches their threshold, best first.</summary>
    public IReadOnlyList<TopicHit> Match(string? title, string? text) =>
        Score(title, text, snippetsForHitsOnly: true).Where(s => s.IsHit).Select(s => s.Hit).OrderByDescending(h => h.Score).ToList();

    /// <summary>Every topic's score and explanation, hit or not (for evaluation and tuning).</summary>
    public IReadOnlyList<(TopicHit Hit, bool IsHit)> Score(string? title, string? text) => Score(title, text, snippetsForHitsOnly: false);

    private List<(TopicHit Hit, bool IsHit)> Score(string? title, string? text, bool snippetsForHitsOnly)
    {
        var titleWords = TextNormalizer.Tokenize(title ?? "");
        var textWords = TextNormalizer.Tokenize(text ?? "");
        var found = new List<Found>();
        _trie.FindAll(titleWords, (entry, first, last) => found.Add(new Found(entry, first, last, InTitle: true, Offset: 0)));

        // For distances the title reads as the words just before the text: a headline naming a deal and a
        // first sentence naming the countries are as near as two words of one sentence.
        _trie.FindAll(textWords, (entry, first, last) => found.Add(new Found(entry, first, last, InTitle: false, Offset: titleWords.Count)));

        var results = new List<(TopicHit, bool)>();
        foreach (var byTopic in found.GroupBy(f => f.Entry.Topic))
        {
            var topic = _model.Topics[byTopic.Key];
            results.Add(ScoreTopic(topic, [.. byTopic], title ?? "", text ?? "", titleWords, textWords, snippetsForHitsOnly));
        }

        return results;
    }

    private (TopicHit Hit, bool IsHit) ScoreTopic(
        TopicDefinition topic, List<Found> found, string title, string text, List<Token> titleWords, List<Token> textWords, bool snippetsForHitsOnly)
    {
        var vetoed = found.Any(f => f.Entry.Kind == EntryKind.Exclude);

        // Where forms overlap at one position ("Kosovo Security Force" and "Kosovo"), only the longest term counts.
        var terms = found.Where(f => f.Entry.Kind == EntryKind.Term)
            .GroupBy(f => (f.InTitle, f.First))
            .Select(g => g.MaxBy(f => f.Last - f.First)!)
            .ToList();

        var score = 0.0;
        var matched = new List<MatchedTerm>();
        foreach (var byTerm in terms.GroupBy(f => f.Entry.Index))
        {
            var term = topic.Terms[byTerm.Key];
            var count = byTerm.Count();
            var boost = byTerm.Any(f => f.InTitle) ? _model.TitleBoost : 1;
            score += term.Weight * boost * Diminishing(count);
            matched.Add(new MatchedTerm(term.Forms[0], count));
        }

        var gateHolds = !topic.RequireNear.Any(r => r.Required);
        var evidence = new List<Found>(terms);
        for (var r = 0; r < topic.RequireNear.Count; r++)
        {
            var rule = topic.RequireNear[r];
            var a = found.Where(f => f.Entry.Kind == EntryKind.NearA && f.Entry.Index == r).ToList();
            var b = found.Where(f => f.Entry.Kind == EntryKind.NearB && f.Entry.Index == r).OrderBy(f => f.Start).ToList();
            var pairs = a.Select(x => (A: x, B: Nearest(x, b, rule.Window))).Where(p => p.B is not null).ToList();
            if (pairs.Count == 0)
            {
                continue;
            }

            gateHolds |= rule.Required;
            score += rule.Weight * Diminishing(pairs.Count);
            evidence.AddRange(pairs.SelectMany(p => new[] { p.A, p.B! }));
            var first = pairs[0];
            matched.Add(new MatchedTerm($"{Surface(first.A, title, text, titleWords, textWords)} ~ {Surface(first.B!, title, text, titleWords, textWords)}", pairs.Count));
        }

        var isHit = !vetoed && gateHolds && score >= topic.Threshold;
        var (snippet, highlights) = isHit || !snippetsForHitsOnly
            ? Snippets.Best(text, textWords, evidence.Where(f => !f.InTitle).Select(f => (f.First, f.Last)).ToList(), title)
            : (null, []);
        var hit = new TopicHit(topic.Id, Math.Round(score, 2), matched.OrderByDescending(m => m.Count).ThenBy(m => m.Term, StringComparer.Ordinal).ToList(), snippet, highlights);
        return (hit, isHit);
    }

    /// <summary>1, 1.5, 1.75 … towards 2: repeating a term adds less each time.</summary>
    private static double Diminishing(int count) => 2 - Math.Pow(2, 1 - count);

    /// <summary>The form of <paramref name="sorted"/> (ordered by start) nearest to <paramref name="x"/>, if any is within the window.</summary>
    private static Found? Nearest(Found x, List<Found> sorted, int window)
    {
        // Forms are at most a few words long, so nothing starting before this can end within the window.
        var low = 0;
        var high = sorted.Count;
        var from = x.Start - window - 8;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (sorted[mid].Start < from)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        Found? best = null;
        var bestDistance = int.MaxValue;
        for (var i = low; i < sorted.Count && sorted[i].Start <= x.End + window; i++)
        {
            var distance = Distance(x, sorted[i]);
            if (distance <= window && distance < bestDistance)
            {
                (best, bestDistance) = (sorted[i], distance);
            }
        }

        return best;
    }

    private static int Distance(Found x, Found y) =>
        x.End < y.Start ? y.Start - x.End : y.End < x.Start ? x.Start - y.End : 0;

    private static string Surface(Found f, string title, string text, List<Token> titleWords, List<Token> textWords) =>
        f.InTitle ? title[titleWords[f.First].Start..titleWords[f.Last].End] : text[textWords[f.First].Start..textWords[f.Last].End];

    /// <summary>A form found at words <see cref="First"/>..<see cref="Last"/> of the title or the text.</summary>
    private sealed record Found(TrieEntry Entry, int First, int Last, bool InTitle, int Offset)
    {
        public int Start => Offset + First;

        public int End => Offset + Last;
    }
}
