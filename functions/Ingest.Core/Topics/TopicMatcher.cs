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
        Score(title, text, explainAll: false).Where(s => s.IsHit).Select(s => s.Hit).OrderByDescending(h => h.Score).ToList();

    /// <summary>Every topic's score and explanation, hit or not (for evaluation and tuning).</summary>
    public IReadOnlyList<(TopicHit Hit, bool IsHit)> Score(string? title, string? text) => Score(title, text, explainAll: true);

    private List<(TopicHit Hit, bool IsHit)> Score(string? title, string? text, bool explainAll)
    {
        var article = new Article(title ?? "", text ?? "");
        var byTopic = new List<Found>?[_model.Topics.Count];
        _trie.FindAll(article.TitleWords, (entry, first, last) => (byTopic[entry.Topic] ??= []).Add(new Found(entry, first, last, InTitle: true, Offset: 0)));

        // For distances the title reads as the words just before the text: a headline naming a deal and a
        // first sentence naming the countries are as near as two words of one sentence.
        var offset = article.TitleWords.Count;
        _trie.FindAll(article.TextWords, (entry, first, last) => (byTopic[entry.Topic] ??= []).Add(new Found(entry, first, last, InTitle: false, Offset: offset)));

        var results = new List<(TopicHit, bool)>();
        for (var t = 0; t < byTopic.Length; t++)
        {
            if (byTopic[t] is { } found && ScoreTopic(_model.Topics[t], found, article, explainAll) is { } result)
            {
                results.Add(result);
            }
        }

        return results;
    }

    /// <summary>Scores one topic; builds its explanation only when it will be shown (a hit, or when every topic is asked for).</summary>
    private (TopicHit Hit, bool IsHit)? ScoreTopic(TopicDefinition topic, List<Found> found, Article article, bool explainAll)
    {
        var vetoed = false;
        var terms = new List<Found>();
        var nearA = new List<Found>?[topic.RequireNear.Count];
        var nearB = new List<Found>?[topic.RequireNear.Count];
        foreach (var f in found)
        {
            switch (f.Entry.Kind)
            {
                case EntryKind.Exclude:
                    vetoed = true;
                    break;
                case EntryKind.Term:
                    // The trie reports longer forms from one start after shorter ones, except prefix forms which come
                    // last; where forms overlap ("Kosovo Security Force" and "Kosov*"), only the longest counts.
                    if (terms.Count > 0 && terms[^1].InTitle == f.InTitle && terms[^1].First == f.First)
                    {
                        if (f.Last > terms[^1].Last)
                        {
                            terms[^1] = f;
                        }
                    }
                    else
                    {
                        terms.Add(f);
                    }

                    break;
                case EntryKind.NearA:
                    (nearA[f.Entry.Index] ??= []).Add(f);
                    break;
                case EntryKind.NearB:
                    (nearB[f.Entry.Index] ??= []).Add(f);
                    break;
            }
        }

        var counts = new int[topic.Terms.Count];
        var inTitle = new bool[topic.Terms.Count];
        foreach (var f in terms)
        {
            counts[f.Entry.Index]++;
            inTitle[f.Entry.Index] |= f.InTitle;
        }

        var score = 0.0;
        for (var i = 0; i < counts.Length; i++)
        {
            if (counts[i] > 0)
            {
                score += topic.Terms[i].Weight * (inTitle[i] ? _model.TitleBoost : 1) * Diminishing(counts[i]);
            }
        }

        var gateHolds = !topic.RequireNear.Any(r => r.Required);
        var pairsByRule = new List<(Found A, Found B)>?[topic.RequireNear.Count];
        for (var r = 0; r < topic.RequireNear.Count; r++)
        {
            if (nearA[r] is not { } a || nearB[r] is not { } b)
            {
                continue;
            }

            // Already ordered by start: the walk goes from the first word to the last, the title before the text.
            var rule = topic.RequireNear[r];
            List<(Found, Found)>? pairs = null;
            foreach (var x in a)
            {
                if (Nearest(x, b, rule.Window) is { } y)
                {
                    (pairs ??= []).Add((x, y));
                }
            }

            if (pairs is null)
            {
                continue;
            }

            pairsByRule[r] = pairs;
            gateHolds |= rule.Required;
            score += rule.Weight * Diminishing(pairs.Count);
        }

        var isHit = !vetoed && gateHolds && score >= topic.Threshold;
        if (!isHit && !explainAll)
        {
            return null;
        }

        var matched = new List<MatchedTerm>();
        for (var i = 0; i < counts.Length; i++)
        {
            if (counts[i] > 0)
            {
                matched.Add(new MatchedTerm(topic.Terms[i].Forms[0], counts[i]));
            }
        }

        var evidence = new List<(int First, int Last)>();
        evidence.AddRange(terms.Where(f => !f.InTitle).Select(f => (f.First, f.Last)));
        for (var r = 0; r < pairsByRule.Length; r++)
        {
            if (pairsByRule[r] is not { } pairs)
            {
                continue;
            }

            matched.Add(new MatchedTerm($"{article.Surface(pairs[0].A)} ~ {article.Surface(pairs[0].B)}", pairs.Count));
            evidence.AddRange(pairs.SelectMany(p => new[] { p.A, p.B }).Where(f => !f.InTitle).Select(f => (f.First, f.Last)));
        }

        var (snippet, highlights) = Snippets.Best(article.Text, article.TextWords, evidence, article.Title, article.Sentences);
        var ordered = matched.OrderByDescending(m => m.Count).ThenBy(m => m.Term, StringComparer.Ordinal).ToList();
        return (new TopicHit(topic.Id, Math.Round(score, 2), ordered, snippet, highlights), isHit);
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

    /// <summary>A form found at words <see cref="First"/>..<see cref="Last"/> of the title or the text.</summary>
    private readonly record struct Found(TrieEntry Entry, int First, int Last, bool InTitle, int Offset)
    {
        public int Start => Offset + First;

        public int End => Offset + Last;
    }

    /// <summary>An article's words, and what is worked out from it at most once however many topics need it.</summary>
    private sealed class Article(string title, string text)
    {
        private List<(int Start, int End)>? _sentences;

        public string Title { get; } = title;

        public string Text { get; } = text;

        public List<Token> TitleWords { get; } = TextNormalizer.Tokenize(title);

        public List<Token> TextWords { get; } = TextNormalizer.Tokenize(text);

        public List<(int Start, int End)> Sentences => _sentences ??= Snippets.Sentences(Text);

        public string Surface(Found f) => f.InTitle
            ? Title[TitleWords[f.First].Start..TitleWords[f.Last].End]
            : Text[TextWords[f.First].Start..TextWords[f.Last].End];
    }
}
