using System.Runtime.InteropServices;

namespace Ingest.Core.Topics;

/// <summary>
/// The compiled topic model and subscribers' watches: immutable after construction and safe to share between
/// threads. One pass over an article's title and text finds every form of every topic and watch; each topic is
/// then scored, and each watch one of whose forms was found checked, from what was found.
/// </summary>
public sealed class TopicMatcher
{
    [ThreadStatic]
    private static MatchWork? t_work;

    private readonly TopicModel _model;
    private readonly TermTrie _trie;

    // Terms and near rules of all topics, numbered across topics: topic t owns [_firstRule[t], _firstRule[t + 1]).
    private readonly TopicTerm[] _terms;
    private readonly int[] _termTopic;
    private readonly NearRule[] _rules;
    private readonly int[] _firstRule;
    private readonly WatchSet _watches;

    public TopicMatcher(TopicModel model, IEnumerable<WatchQuery>? watches = null)
    {
        _model = model;
        _watches = new WatchSet(watches ?? []);
        _terms = [.. model.Topics.SelectMany(t => t.Terms)];
        _termTopic = [.. model.Topics.SelectMany((topic, t) => topic.Terms.Select(_ => t))];
        _rules = [.. model.Topics.SelectMany(t => t.RequireNear)];
        _firstRule = new int[model.Topics.Count + 1];
        var forms = new List<(string, TrieEntry)>();
        var term = 0;
        for (var t = 0; t < model.Topics.Count; t++)
        {
            var topic = model.Topics[t];
            _firstRule[t + 1] = _firstRule[t] + topic.RequireNear.Count;
            foreach (var definition in topic.Terms)
            {
                forms.AddRange(TermTrie.Needed(definition.Forms).Select(form => (form, new TrieEntry(EntryKind.Term, t, term))));
                term++;
            }

            for (var r = 0; r < topic.RequireNear.Count; r++)
            {
                var rule = new TrieEntry(EntryKind.NearA, t, _firstRule[t] + r);
                forms.AddRange(TermTrie.Needed(topic.RequireNear[r].A).Select(form => (form, rule)));
                forms.AddRange(TermTrie.Needed(topic.RequireNear[r].B).Select(form => (form, rule with { Kind = EntryKind.NearB })));
            }

            forms.AddRange(topic.Exclude.Select(form => (form, new TrieEntry(EntryKind.Exclude, t, 0))));
        }

        forms.AddRange(model.Outlets.Select(form => (form, new TrieEntry(EntryKind.Outlet, -1, 0))));
        forms.AddRange(_watches.Forms());

        _trie = new TermTrie(forms);
    }

    public TopicModel Model => _model;

    /// <summary>How many distinct watches were compiled in.</summary>
    public int WatchCount => _watches.Count;

    /// <summary>
    /// The topics whose score reaches their threshold, best first, then the watches that hold. A watch limited to
    /// languages or sites holds only for an article whose <paramref name="language"/> and <paramref name="host"/> it admits.
    /// </summary>
    public IReadOnlyList<TopicHit> Match(string? title, string? text, string? language = null, string? host = null)
    {
        var work = t_work ??= new MatchWork();
        var hits = Score(work, title, text, explainAll: false).Select(s => s.Hit).OrderByDescending(h => h.Score).ToList();
        if (work.TouchedForms.Count > 0)
        {
            _watches.Evaluate(work, language, host, _trie.LongestForm, hits);
        }

        ReleaseIfOversized(work);
        return hits;
    }

    /// <summary>Every topic's score and explanation, hit or not (for evaluation and tuning).</summary>
    public IReadOnlyList<(TopicHit Hit, bool IsHit)> Score(string? title, string? text)
    {
        var work = t_work ??= new MatchWork();
        var scores = Score(work, title, text, explainAll: true);
        ReleaseIfOversized(work);
        return scores;
    }

    private static void ReleaseIfOversized(MatchWork work)
    {
        if (work.IsOversized)
        {
            t_work = null;
        }
    }

    private List<(TopicHit Hit, bool IsHit)> Score(MatchWork work, string? title, string? text, bool explainAll)
    {
        work.Begin(title ?? "", text ?? "", _model.Topics.Count, _terms.Length, _rules.Length, _watches.FormCount, _watches.Count);
        Tally(work, work.TitleWords, inTitle: true, offset: 0);

        // For distances the title reads as the words just before the text: a headline naming a deal and a
        // first sentence naming the countries are as near as two words of one sentence.
        Tally(work, work.TextWords, inTitle: false, offset: work.TitleWords.Count);

        var termScores = new double[_model.Topics.Count];
        var supportScores = new double[_model.Topics.Count];
        foreach (var term in work.CountedTerms)
        {
            var boost = work.TermInTitle[term] ? _model.TitleBoost : 1;
            (_terms[term].Support ? supportScores : termScores)[_termTopic[term]] += _terms[term].Weight * boost * Diminishing(work.TermCounts[term]);
        }

        var results = new List<(TopicHit, bool)>();
        for (var t = 0; t < _model.Topics.Count; t++)
        {
            if (work.TopicSeen[t] && ScoreTopic(work, t, termScores[t], supportScores[t], explainAll) is { } result)
            {
                results.Add(result);
            }
        }

        return results;
    }

    /// <summary>Walks one part of the article and tallies its finds: terms counted, near groups placed, vetoes noted.</summary>
    private void Tally(MatchWork work, List<Token> words, bool inTitle, int offset)
    {
        var found = work.Found;
        found.Clear();
        var source = inTitle ? work.Title : work.Text;
        _trie.FindAll(source, CollectionsMarshal.AsSpan(words), work.Symbols, found);
        Attributions.Drop(source, CollectionsMarshal.AsSpan(words), found);
        for (var i = 0; i < found.Count; i++)
        {
            var (entry, first, last) = found[i];
            var place = new Place(first, last, inTitle, offset);
            if (entry.Kind == EntryKind.Watch)
            {
                work.FindWatched(entry.Index, place);
                continue;
            }

            work.TopicSeen[entry.Topic] = true;
            switch (entry.Kind)
            {
                case EntryKind.Exclude:
                    work.TopicVetoed[entry.Topic] = true;
                    break;
                case EntryKind.NearA:
                    AddOnce(work.NearA[entry.Index], place);
                    break;
                case EntryKind.NearB:
                    AddOnce(work.NearB[entry.Index], place);
                    break;
                case EntryKind.Term when IsLongestTermAt(found, i):
                    if (work.TermCounts[entry.Index]++ == 0)
                    {
                        work.CountedTerms.Add(entry.Index);
                    }

                    work.TermInTitle[entry.Index] |= inTitle;
                    work.TermPlaces.Add((entry.Topic, entry.Index, place));
                    break;
            }
        }
    }

    /// <summary>A word that is several forms of one group ("Serbia", "Serbi*", "serb*") is still one place.</summary>
    private static void AddOnce(List<Place> places, Place place)
    {
        if (places.Count == 0 || places[^1] != place)
        {
            places.Add(place);
        }
    }

    /// <summary>
    /// Where a topic's forms overlap from one word ("Kosovo Security Force" and "Kosov*"), only the longest
    /// counts: finds of one start are next to each other, so only they need looking at.
    /// </summary>
    private static bool IsLongestTermAt(List<TrieFind> found, int i)
    {
        var f = found[i];
        for (var j = i - 1; j >= 0 && found[j].First == f.First; j--)
        {
            if (found[j].Entry is { Kind: EntryKind.Term } e && e.Topic == f.Entry.Topic && found[j].Last >= f.Last)
            {
                return false;
            }
        }

        for (var j = i + 1; j < found.Count && found[j].First == f.First; j++)
        {
            if (found[j].Entry is { Kind: EntryKind.Term } e && e.Topic == f.Entry.Topic && found[j].Last > f.Last)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Scores one topic; builds its explanation only when it will be shown (a hit, or when every topic is asked for).</summary>
    private (TopicHit Hit, bool IsHit)? ScoreTopic(MatchWork work, int t, double score, double support, bool explainAll)
    {
        var topic = _model.Topics[t];
        var gateHolds = topic.RequireNear.All(r => !r.Required);
        for (var r = _firstRule[t]; r < _firstRule[t + 1]; r++)
        {
            if (_rules[r].Salient && !work.NearB[r].Exists(work.IsProminent))
            {
                continue;
            }

            var pairs = NearPairs.Find(work.NearA[r], work.NearB[r], _rules[r].Window, _trie.LongestForm, work.RulePairs[r]);
            if (pairs > 0)
            {
                gateHolds |= _rules[r].Required;
                var weight = _rules[r].Weight * Diminishing(pairs);
                score += _rules[r].Support ? 0 : weight;
                support += _rules[r].Support ? weight : 0;
            }
        }

        var supportCapped = support > topic.SupportCap;
        score += supportCapped ? topic.SupportCap!.Value : support;

        var passing = (score >= topic.Threshold * PassingMentionFactor || explainAll) && IsPassingMention(work, t);
        if (passing)
        {
            score *= PassingMentionFactor;
        }

        var isHit = !work.TopicVetoed[t] && gateHolds && score >= topic.Threshold;
        return isHit || explainAll ? (Explain(work, t, score, passing, supportCapped), isHit) : null;
    }

    /// <summary>
    /// What an article is about shows where its evidence stands: a topic named in the title or the lead is the
    /// subject; one whose every find sits in a single later sentence is background, and its score is cut to a third.
    /// The finds are the topic's terms and the first words of its near pairs ("troops" of "troops in Kosovo").
    /// Support is left out: a city or a politician in the headline ("Dayton", "Dodik") says where or who, not
    /// what, and a common word ("weapons") says little.
    /// </summary>
    private bool IsPassingMention(MatchWork work, int t)
    {
        // The first find outside the lead fixes a sentence; the topic is spread as soon as a find falls outside it.
        (int Start, int End)? sentence = null;
        bool SpreadsFrom(Place place)
        {
            if (work.IsProminent(place))
            {
                return true;
            }

            var start = work.TextWords[place.First].Start;
            sentence ??= work.Sentences[work.SentenceOf(place)];
            return start < sentence.Value.Start || start >= sentence.Value.End;
        }

        foreach (var (topic, term, place) in work.TermPlaces)
        {
            if (topic == t && !_terms[term].Support && SpreadsFrom(place))
            {
                return false;
            }
        }

        for (var r = _firstRule[t]; r < _firstRule[t + 1]; r++)
        {
            if (_rules[r].Support)
            {
                continue;
            }

            foreach (var (a, _) in work.RulePairs[r])
            {
                if (SpreadsFrom(a))
                {
                    return false;
                }
            }
        }

        return sentence is not null;
    }

    private const double PassingMentionFactor = 1.0 / 3;

    /// <summary>The score, the terms and near pairs found with their counts, and the passage with the most of them.</summary>
    private TopicHit Explain(MatchWork work, int t, double score, bool passingMention, bool supportCapped)
    {
        var matched = new List<MatchedTerm>();
        var found = FoundForms(work, t);
        foreach (var term in work.CountedTerms)
        {
            if (_termTopic[term] == t)
            {
                matched.Add(new MatchedTerm(string.Join(" / ", found[term]), work.TermCounts[term]));
            }
        }

        // The snippet is chosen by where in the text (not the title) the topic's terms and pairs are.
        var evidence = work.Evidence;
        evidence.Clear();
        void Cite(Place place)
        {
            if (!place.InTitle)
            {
                evidence.Add((work.TextWords[place.First].Start, work.TextWords[place.Last].End));
            }
        }

        foreach (var (topic, _, place) in work.TermPlaces)
        {
            if (topic == t)
            {
                Cite(place);
            }
        }

        for (var r = _firstRule[t]; r < _firstRule[t + 1]; r++)
        {
            var pairs = work.RulePairs[r];
            if (pairs.Count > 0)
            {
                matched.Add(new MatchedTerm($"{work.Surface(pairs[0].A)} ~ {work.Surface(pairs[0].B)}", pairs.Count));
                foreach (var (a, b) in pairs)
                {
                    Cite(a);
                    Cite(b);
                }
            }
        }

        if (supportCapped)
        {
            matched.Add(new MatchedTerm($"(names and common words count at most {_model.Topics[t].SupportCap})", 1));
        }

        if (passingMention)
        {
            // The one thing salience changes is a background mention's score, so that is what the explanation says.
            matched.Add(new MatchedTerm("(a passing mention: score cut to a third)", 1));
        }

        var (snippet, highlights) = Snippets.Best(work.Text, evidence, work.Title, evidence.Count == 0 ? [] : work.Sentences);
        matched.Sort((x, y) => x.Count != y.Count ? y.Count.CompareTo(x.Count) : string.CompareOrdinal(x.Term, y.Term));
        return new TopicHit(_model.Topics[t].Id, Math.Round(score, 2), matched, snippet, highlights);
    }

    /// <summary>
    /// The words the article used for each of topic <paramref name="t"/>'s terms, as it wrote them ("Javelin /
    /// Bayraktar"), not the term's first form: one pass over the finds, a string only for each new spelling.
    /// </summary>
    private static Dictionary<int, List<string>> FoundForms(MatchWork work, int t)
    {
        var forms = new Dictionary<int, List<string>>();
        foreach (var (topic, term, place) in work.TermPlaces)
        {
            if (topic != t)
            {
                continue;
            }

            var (source, words) = place.InTitle ? (work.Title, work.TitleWords) : (work.Text, work.TextWords);
            var surface = source.AsSpan(words[place.First].Start, words[place.Last].End - words[place.First].Start);
            if (!forms.TryGetValue(term, out var spellings))
            {
                forms[term] = spellings = [];
            }

            var known = false;
            foreach (var spelling in spellings)
            {
                known |= surface.Equals(spelling, StringComparison.OrdinalIgnoreCase);
            }

            if (!known)
            {
                spellings.Add(surface.ToString());
            }
        }

        return forms;
    }

    /// <summary>1, 1.5, 1.75 … towards 2: repeating a term adds less each time.</summary>
    private static double Diminishing(int count) => 2 - Math.Pow(2, 1 - count);
}
