namespace Ingest.Core.Topics;

/// <summary>
/// Subscribers' watches, compiled beside the topics: every word and phrase of every watch is a form in the
/// matcher's one trie, so an article is walked once however many watches there are. After the walk only the
/// watches one of whose forms was found are looked at. Immutable once built.
/// </summary>
internal sealed class WatchSet
{
    private readonly WatchQuery[] _watches;

    // Clauses of all watches, numbered across watches: watch w owns [_firstClause[w], _firstClause[w + 1]).
    // A NEAR pair is two clauses, its A and then its B.
    private readonly Clause[] _clauses;
    private readonly int[] _firstClause;

    public WatchSet(IEnumerable<WatchQuery> watches)
    {
        _watches = [.. watches.DistinctBy(w => w.Id)];
        var clauses = new List<Clause>();
        _firstClause = new int[_watches.Length + 1];
        for (var w = 0; w < _watches.Length; w++)
        {
            var watch = _watches[w];
            clauses.AddRange(watch.Required.Select(f => new Clause(ClauseKind.Required, f, 0)));
            clauses.AddRange(watch.Excluded.Select(f => new Clause(ClauseKind.Excluded, f, 0)));
            foreach (var near in watch.Near)
            {
                clauses.Add(new Clause(ClauseKind.NearA, near.A, near.Window));
                clauses.Add(new Clause(ClauseKind.NearB, near.B, near.Window));
            }

            _firstClause[w + 1] = clauses.Count;
        }

        _clauses = [.. clauses];
    }

    public int ClauseCount => _clauses.Length;

    public int Count => _watches.Length;

    /// <summary>Every clause's form, for the trie: the entry names the watch and the clause.</summary>
    public IEnumerable<(string Form, TrieEntry Entry)> Forms()
    {
        for (var w = 0; w < _watches.Length; w++)
        {
            for (var c = _firstClause[w]; c < _firstClause[w + 1]; c++)
            {
                yield return (_clauses[c].Form, new TrieEntry(EntryKind.Watch, w, c));
            }
        }
    }

    /// <summary>Adds a hit for every watch whose clauses all hold in what the walk found and whose limits admit the article.</summary>
    public void Evaluate(MatchWork work, string? language, string? host, int longestForm, List<TopicHit> into)
    {
        work.TouchedClauses.Sort();
        var last = -1;
        foreach (var clause in work.TouchedClauses)
        {
            var w = WatchOf(clause);
            if (w != last && _watches[w].Admits(language, host) && Holds(work, w, longestForm))
            {
                into.Add(Explain(work, w, longestForm));
            }

            last = w;
        }
    }

    private bool Holds(MatchWork work, int w, int longestForm)
    {
        for (var c = _firstClause[w]; c < _firstClause[w + 1]; c++)
        {
            var found = work.ClausePlaces[c].Count > 0;
            switch (_clauses[c].Kind)
            {
                case ClauseKind.Required when !found:
                case ClauseKind.Excluded when found:
                    return false;
                case ClauseKind.NearA:
                    work.ClausePairs.Clear();
                    if (NearPairs.Find(work.ClausePlaces[c], work.ClausePlaces[c + 1], _clauses[c].Window, longestForm, work.ClausePairs) == 0)
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
            var places = work.ClausePlaces[c];
            switch (_clauses[c].Kind)
            {
                case ClauseKind.Required:
                    matched.Add(new MatchedTerm(string.Join(" / ", places.Select(work.Surface).Distinct(StringComparer.OrdinalIgnoreCase)), places.Count));
                    finds += places.Count;
                    break;
                case ClauseKind.NearA:
                    work.ClausePairs.Clear();
                    var pairs = NearPairs.Find(places, work.ClausePlaces[c + 1], _clauses[c].Window, longestForm, work.ClausePairs);
                    matched.Add(new MatchedTerm($"{work.Surface(work.ClausePairs[0].A)} ~ {work.Surface(work.ClausePairs[0].B)}", pairs));
                    finds += pairs;
                    break;
                default:
                    continue;
            }

            foreach (var place in _clauses[c].Kind == ClauseKind.NearA ? work.ClausePairs.SelectMany(p => new[] { p.A, p.B }) : places)
            {
                if (!place.InTitle)
                {
                    evidence.Add((work.TextWords[place.First].Start, work.TextWords[place.Last].End));
                }
            }
        }

        var (snippet, highlights) = Snippets.Best(work.Text, evidence, work.Title, evidence.Count == 0 ? [] : work.Sentences);
        matched.Sort((x, y) => x.Count != y.Count ? y.Count.CompareTo(x.Count) : string.CompareOrdinal(x.Term, y.Term));
        return new TopicHit(_watches[w].Id, finds, matched, snippet, highlights);
    }

    private int WatchOf(int clause)
    {
        var w = Array.BinarySearch(_firstClause, clause);
        if (w < 0)
        {
            return ~w - 1;
        }

        // Several watches may start at one clause only if some own none, which a parsed watch cannot.
        while (w + 1 < _firstClause.Length && _firstClause[w + 1] == clause)
        {
            w++;
        }

        return w;
    }

    private enum ClauseKind
    {
        Required,
        Excluded,
        NearA,
        NearB,
    }

    private readonly record struct Clause(ClauseKind Kind, string Form, int Window);
}
