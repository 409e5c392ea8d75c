namespace Ingest.Core.Topics;

/// <summary>
/// Subscribers' watches, compiled beside the topics: every distinct word and phrase of every watch is one form in
/// the matcher's one trie, so an article is walked once however many watches there are, and a word many
/// subscribers watch is found once for all of them. After the walk only the watches one of whose forms was found
/// are looked at. Immutable once built.
/// </summary>
internal sealed class WatchSet
{
    private readonly WatchQuery[] _watches;

    // Clauses of all watches, numbered across watches: watch w owns [_firstClause[w], _firstClause[w + 1]).
    // A NEAR pair is two clauses, its A and then its B. Each clause looks for one of the distinct forms.
    private readonly Clause[] _clauses;
    private readonly int[] _firstClause;
    private readonly int[] _clauseWatch;

    // The distinct forms, and for each the clauses that look for it.
    private readonly string[] _forms;
    private readonly int[][] _formClauses;

    public WatchSet(IEnumerable<WatchQuery> watches)
    {
        _watches = [.. watches.DistinctBy(w => w.Id)];
        var clauses = new List<Clause>();
        var forms = new Dictionary<string, int>(StringComparer.Ordinal);
        var formList = new List<string>();
        int Form(string form)
        {
            var key = TermTrie.Key(form);
            if (!forms.TryGetValue(key, out var index))
            {
                forms[key] = index = formList.Count;
                formList.Add(form);
            }

            return index;
        }

        _firstClause = new int[_watches.Length + 1];
        for (var w = 0; w < _watches.Length; w++)
        {
            var watch = _watches[w];
            clauses.AddRange(watch.Required.Select(f => new Clause(ClauseKind.Required, Form(f), 0)));
            clauses.AddRange(watch.Excluded.Select(f => new Clause(ClauseKind.Excluded, Form(f), 0)));
            foreach (var near in watch.Near)
            {
                clauses.Add(new Clause(ClauseKind.NearA, Form(near.A), near.Window));
                clauses.Add(new Clause(ClauseKind.NearB, Form(near.B), near.Window));
            }

            _firstClause[w + 1] = clauses.Count;
        }

        _clauses = [.. clauses];
        _clauseWatch = new int[_clauses.Length];
        for (var w = 0; w < _watches.Length; w++)
        {
            Array.Fill(_clauseWatch, w, _firstClause[w], _firstClause[w + 1] - _firstClause[w]);
        }

        _forms = [.. formList];
        var byForm = Enumerable.Range(0, _forms.Length).Select(_ => new List<int>()).ToArray();
        for (var c = 0; c < _clauses.Length; c++)
        {
            byForm[_clauses[c].Form].Add(c);
        }

        _formClauses = [.. byForm.Select(list => list.ToArray())];
    }

    /// <summary>How many distinct forms the watches look for (what the per-article tallies are sized by).</summary>
    public int FormCount => _forms.Length;

    public int Count => _watches.Length;

    /// <summary>Every distinct form, for the trie: the entry's index names the form.</summary>
    public IEnumerable<(string Form, TrieEntry Entry)> Forms() => _forms.Select((form, f) => (form, new TrieEntry(EntryKind.Watch, -1, f)));

    /// <summary>Adds a hit for every watch whose clauses all hold in what the walk found and whose limits admit the article.</summary>
    public void Evaluate(MatchWork work, string? language, string? host, int longestForm, List<TopicHit> into)
    {
        var (candidates, marks) = (work.WatchCandidates, work.WatchMarks);
        candidates.Clear();
        foreach (var form in work.TouchedForms)
        {
            foreach (var clause in _formClauses[form])
            {
                var w = _clauseWatch[clause];
                if (marks[w] != work.Article)
                {
                    marks[w] = work.Article;
                    candidates.Add(w);
                }
            }
        }

        foreach (var w in candidates)
        {
            if (_watches[w].Admits(language, host) && Holds(work, w, longestForm))
            {
                into.Add(Explain(work, w, longestForm));
            }
        }
    }

    private bool Holds(MatchWork work, int w, int longestForm)
    {
        for (var c = _firstClause[w]; c < _firstClause[w + 1]; c++)
        {
            var found = work.FormPlaces[_clauses[c].Form].Count > 0;
            switch (_clauses[c].Kind)
            {
                case ClauseKind.Required when !found:
                case ClauseKind.Excluded when found:
                    return false;
                case ClauseKind.NearA:
                    work.ClausePairs.Clear();
                    if (NearPairs.Find(work.FormPlaces[_clauses[c].Form], work.FormPlaces[_clauses[c + 1].Form], _clauses[c].Window, longestForm, work.ClausePairs) == 0)
                    {
                        return false;
                    }

                    break;
            }
        }

        return true;
    }

    /// <summary>What was found, as the article wrote it, and the passage with the most of it; the score is how often.</summary>
    private TopicHit Explain(MatchWork work, int w, int longestForm)
    {
        var matched = new List<MatchedTerm>();
        var evidence = work.Evidence;
        evidence.Clear();
        var finds = 0;
        for (var c = _firstClause[w]; c < _firstClause[w + 1]; c++)
        {
            var places = work.FormPlaces[_clauses[c].Form];
            switch (_clauses[c].Kind)
            {
                case ClauseKind.Required:
                    matched.Add(new MatchedTerm(Spellings(work, places), places.Count));
                    finds += places.Count;
                    foreach (var place in places)
                    {
                        Cite(work, place);
                    }

                    break;
                case ClauseKind.NearA:
                    work.ClausePairs.Clear();
                    var pairs = NearPairs.Find(places, work.FormPlaces[_clauses[c + 1].Form], _clauses[c].Window, longestForm, work.ClausePairs);
                    matched.Add(new MatchedTerm($"{work.Surface(work.ClausePairs[0].A)} ~ {work.Surface(work.ClausePairs[0].B)}", pairs));
                    finds += pairs;
                    foreach (var (a, b) in work.ClausePairs)
                    {
                        Cite(work, a);
                        Cite(work, b);
                    }

                    break;
            }
        }

        var (snippet, highlights) = Snippets.Best(work.Text, evidence, work.Title, evidence.Count == 0 ? [] : work.Sentences, work.Cuts);
        matched.Sort((x, y) => x.Count != y.Count ? y.Count.CompareTo(x.Count) : string.CompareOrdinal(x.Term, y.Term));
        return new TopicHit(_watches[w].Id, finds, matched, snippet, highlights);
    }

    private static void Cite(MatchWork work, Place place)
    {
        if (!place.InTitle)
        {
            work.Evidence.Add((work.TextWords[place.First].Start, work.TextWords[place.Last].End));
        }
    }

    /// <summary>The clause's finds as the article spelled them ("Vučić / Вучић"): a string only for each new spelling.</summary>
    private static string Spellings(MatchWork work, List<Place> places)
    {
        var spellings = new List<string>(2);
        foreach (var place in places)
        {
            var (source, words) = place.InTitle ? (work.Title, work.TitleWords) : (work.Text, work.TextWords);
            var surface = source.AsSpan(words[place.First].Start, words[place.Last].End - words[place.First].Start);
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

        return spellings.Count == 1 ? spellings[0] : string.Join(" / ", spellings);
    }

    private enum ClauseKind
    {
        Required,
        Excluded,
        NearA,
        NearB,
    }

    private readonly record struct Clause(ClauseKind Kind, int Form, int Window);
}
