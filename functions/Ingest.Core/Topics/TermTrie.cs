namespace Ingest.Core.Topics;

/// <summary>What a form that ends at a trie node stands for in the model.</summary>
internal enum EntryKind
{
    Term,
    NearA,
    NearB,
    Exclude,

    /// <summary>A news outlet's name: only tells whether the words beside it are a citation (<see cref="Attributions"/>).</summary>
    Outlet,

    /// <summary>A clause of a subscriber's watch (<see cref="WatchSet"/>): the entry's topic is the watch, its index the clause.</summary>
    Watch,
}

/// <summary>
/// One role of one form: a weighted term, a member of a near rule's group, or a veto (indexes count across
/// topics). <see cref="Capitals"/>: the form is an acronym and matches only a word written in capitals.
/// </summary>
internal readonly record struct TrieEntry(EntryKind Kind, int Topic, int Index, bool Capitals = false);

/// <summary>A form found at words <see cref="First"/>..<see cref="Last"/> of the words walked.</summary>
internal readonly record struct TrieFind(TrieEntry Entry, int First, int Last);

/// <summary>
/// Every form of every topic, as a trie over the words of the <see cref="Vocabulary"/>. Each word of a text is
/// read once through the vocabulary; walking from it then finds all forms starting there, whole words only,
/// so the cost of a pass does not grow with the number of topics or terms. Immutable once built.
/// </summary>
internal sealed class TermTrie
{
    private readonly Vocabulary _vocabulary;
    private readonly Node?[] _firstWords;

    public TermTrie(IReadOnlyCollection<(string Form, TrieEntry Entry)> forms)
    {
        var paths = forms.Select(f => (Words: Words(f.Form).ToList(), Entry: f.Entry with { Capitals = IsAcronym(f.Form) })).ToList();
        _vocabulary = new Vocabulary(paths.SelectMany(p => p.Words), forms.SelectMany(f => NameWords(f.Form)));
        _firstWords = new Node?[_vocabulary.Count];
        LongestForm = paths.Select(p => p.Words.Count).DefaultIfEmpty(1).Max();
        foreach (var (words, entry) in paths)
        {
            var node = _firstWords[_vocabulary.SymbolOf(words[0])] ??= new Node();
            foreach (var word in words.Skip(1))
            {
                node = node.Child(_vocabulary.SymbolOf(word));
            }

            node.Entries = [.. node.Entries, entry];
        }
    }

    /// <summary>The most words any form has.</summary>
    public int LongestForm { get; }

    /// <summary>
    /// The normalised words of a form that are names: written with a capital and then small letters, at least
    /// four letters, not a prefix. Names of people and places are declined in the region's languages
    /// (Zvečan → Zvečanu, Srbija → Srbiji), so the vocabulary reads them with case endings; acronyms and
    /// common words are left as written.
    /// </summary>
    private static IEnumerable<string> NameWords(string form)
    {
        foreach (var part in form.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.Length >= 4 && char.IsUpper(part[0]) && part.Skip(1).Any(char.IsLower) && !part.EndsWith('*')
                && TextNormalizer.Tokenize(part) is { Count: 1 } words && words[0].Text.Length >= 4)
            {
                yield return words[0].Text;
            }
        }
    }

    /// <summary>
    /// A form of one word in capitals ("NIS", "OHR", "НАТО"). Folding makes the city "Niš" and the company "NIS"
    /// one word, and "sofa" the agreement "SOFA"; an acronym therefore matches only a word an article writes in
    /// capitals too. Outlets that write one in title case ("Nato", "Kfor") are listed as forms of their own.
    /// </summary>
    private static bool IsAcronym(string form) =>
        !form.Contains(' ') && !form.EndsWith('*') && form.Count(char.IsLetter) >= 2 && !form.Any(char.IsLower);

    /// <summary>A word every letter of which the article wrote in capitals.</summary>
    private static bool InCapitals(ReadOnlySpan<char> source, Token word)
    {
        foreach (var c in source[word.Start..word.End])
        {
            if (char.IsLower(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The forms of one group (a term, or one side of a near rule) that add finds: not one that folds to an
    /// earlier form (<c>Vučić</c>, <c>Vucic</c> and <c>Вучић</c> are one word), nor one a shorter prefix of the
    /// group already matches (<c>serb*</c> finds every word <c>Serbia</c>, <c>Serbian</c> and <c>Serbi*</c> would).
    /// Either would only add finds for the same place. Forms of several words are kept; an acronym and its
    /// title-case spelling (<c>NATO</c>, <c>Nato</c>) are different forms.
    /// </summary>
    public static IEnumerable<string> Needed(IReadOnlyList<string> forms)
    {
        var stems = forms.Select(f => Words(f).ToList()).Where(w => w is [var only] && only.EndsWith('*')).Select(w => w[0][..^1]).ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var form in forms)
        {
            var words = Words(form).ToList();
            var word = words.Count == 1 ? words[0].TrimEnd('*') : null;
            var covered = word is not null
                && stems.Exists(stem => stem.Length < word.Length + (words[0].EndsWith('*') ? 0 : 1) && word.StartsWith(stem, StringComparison.Ordinal));
            if (!covered && seen.Add(KeyOf(words, form)))
            {
                yield return form;
            }
        }
    }

    /// <summary>What a form matches, as a key: forms with the same key find the same words (<c>Vučić</c>, <c>Вучић</c>).</summary>
    public static string Key(string form) => KeyOf(Words(form), form);

    private static string KeyOf(IEnumerable<string> words, string form) => string.Join(' ', words) + (IsAcronym(form) ? " !" : "");

    /// <summary>A form's normalised words; a word written with a trailing <c>*</c> stays a prefix (<c>kosov*</c>).</summary>
    private static IEnumerable<string> Words(string form)
    {
        foreach (var part in form.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var prefix = part.EndsWith('*');
            var words = TextNormalizer.Tokenize(prefix ? part[..^1] : part);
            for (var i = 0; i < words.Count; i++)
            {
                yield return prefix && i == words.Count - 1 ? words[i].Text + "*" : words[i].Text;
            }
        }
    }

    /// <summary>
    /// Adds to <paramref name="found"/> every form in <paramref name="words"/>, in order of the word each starts
    /// at; <paramref name="scratch"/> (at least one item per word) holds each word's symbols meanwhile.
    /// <paramref name="source"/> is the text the words were read from: it tells whether a word is in capitals.
    /// </summary>
    public void FindAll(ReadOnlySpan<char> source, ReadOnlySpan<Token> words, Span<(int Word, int Prefixes)> scratch, List<TrieFind> found)
    {
        var symbols = scratch[..words.Length];
        for (var i = 0; i < words.Length; i++)
        {
            symbols[i] = _vocabulary.Read(words[i].Letters);
        }

        for (var start = 0; start < symbols.Length; start++)
        {
            if (symbols[start] != (Vocabulary.None, Vocabulary.None))
            {
                WalkFrom(null, symbols, start, start, found);
            }
        }

        // An acronym's find that is not in capitals is dropped before anyone counts it, so that an ordinary
        // spelling of the same word ("Nato" beside "NATO") still counts once.
        var kept = 0;
        for (var i = 0; i < found.Count; i++)
        {
            if (!found[i].Entry.Capitals || InCapitals(source, words[found[i].First]))
            {
                found[kept++] = found[i];
            }
        }

        found.RemoveRange(kept, found.Count - kept);
    }

    /// <summary>Follows every symbol of word <paramref name="at"/> from <paramref name="node"/> (null: the root).</summary>
    private void WalkFrom(Node? node, Span<(int Word, int Prefixes)> symbols, int start, int at, List<TrieFind> found)
    {
        if (at >= symbols.Length)
        {
            return;
        }

        var (word, prefix) = symbols[at];
        if (word != Vocabulary.None)
        {
            Step(node, word, symbols, start, at, found);
        }

        while (prefix != Vocabulary.None)
        {
            (var symbol, prefix) = _vocabulary.NextPrefix(prefix);
            Step(node, symbol, symbols, start, at, found);
        }
    }

    private void Step(Node? node, int symbol, Span<(int Word, int Prefixes)> symbols, int start, int at, List<TrieFind> found)
    {
        if ((node is null ? _firstWords[symbol] : node.Find(symbol)) is not { } next)
        {
            return;
        }

        foreach (var entry in next.Entries)
        {
            found.Add(new TrieFind(entry, start, at));
        }

        if (next.Symbols.Length > 0)
        {
            WalkFrom(next, symbols, start, at + 1, found);
        }
    }

    /// <summary>A word sequence: what ends here, and which words may follow (few, so a linear scan finds them).</summary>
    private sealed class Node
    {
        public TrieEntry[] Entries = [];
        public int[] Symbols = [];
        public Node[] Children = [];

        public Node? Find(int symbol)
        {
            var i = Array.IndexOf(Symbols, symbol);
            return i < 0 ? null : Children[i];
        }

        public Node Child(int symbol)
        {
            if (Find(symbol) is { } existing)
            {
                return existing;
            }

            var child = new Node();
            Symbols = [.. Symbols, symbol];
            Children = [.. Children, child];
            return child;
        }
    }
}
