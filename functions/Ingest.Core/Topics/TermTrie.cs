namespace Ingest.Core.Topics;

/// <summary>What a form that ends at a trie node stands for in the model.</summary>
internal enum EntryKind
{
    Term,
    NearA,
    NearB,
    Exclude,
}

/// <summary>One role of one form: a weighted term of a topic, a member of a near rule's group, or a veto.</summary>
internal readonly record struct TrieEntry(EntryKind Kind, int Topic, int Index);

/// <summary>
/// Every form of every topic, as a trie over normalised words. Walking it from each word of a text finds all
/// forms starting there, whole words only, with one dictionary look-up per word (plus one per prefix length
/// for <c>prefix*</c> forms), so the cost of a pass does not grow with the number of topics or terms.
/// </summary>
internal sealed class TermTrie
{
    private readonly Node _root = new();

    public void Add(string form, TrieEntry entry)
    {
        var node = _root;
        foreach (var (word, isPrefix) in Words(form))
        {
            var edges = isPrefix ? node.Prefixes ?? node.CreatePrefixes() : node.Children ?? node.CreateChildren();
            if (!edges.TryGetValue(word, out var next))
            {
                edges[word] = next = new Node();
                if (isPrefix)
                {
                    node.ShortestPrefix = Math.Min(node.ShortestPrefix, word.Length);
                    node.PrefixStarts = null; // rebuilt lazily for the new shortest length
                }
            }

            node = next;
        }

        (node.Entries ??= []).Add(entry);
    }

    /// <summary>A form's normalised words; a word written with a trailing <c>*</c> becomes a prefix.</summary>
    private static IEnumerable<(string Word, bool IsPrefix)> Words(string form)
    {
        foreach (var part in form.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var prefix = part.EndsWith('*');
            var words = TextNormalizer.Tokenize(prefix ? part[..^1] : part);
            for (var i = 0; i < words.Count; i++)
            {
                yield return (words[i].Text, prefix && i == words.Count - 1);
            }
        }
    }

    /// <summary>Calls <paramref name="found"/> with (entry, first word, last word) for every form in <paramref name="words"/>.</summary>
    public void FindAll(IReadOnlyList<Token> words, Action<TrieEntry, int, int> found)
    {
        for (var start = 0; start < words.Count; start++)
        {
            Walk(_root, words, start, start, found);
        }
    }

    private static void Walk(Node node, IReadOnlyList<Token> words, int start, int at, Action<TrieEntry, int, int> found)
    {
        if (at >= words.Count)
        {
            return;
        }

        var word = words[at].Letters;
        if (node.Children is not null && node.ChildLookup.TryGetValue(word, out var exact))
        {
            Report(exact, start, at, found);
            Walk(exact, words, start, at + 1, found);
        }

        if (node.Prefixes is not null && word.Length >= node.ShortestPrefix && node.StartsWithAnyPrefix(word))
        {
            var lookup = node.PrefixLookup;
            for (var length = node.ShortestPrefix; length <= word.Length; length++)
            {
                if (lookup.TryGetValue(word[..length], out var prefixed))
                {
                    Report(prefixed, start, at, found);
                    Walk(prefixed, words, start, at + 1, found);
                }
            }
        }
    }

    private static void Report(Node node, int start, int end, Action<TrieEntry, int, int> found)
    {
        if (node.Entries is null)
        {
            return;
        }

        foreach (var entry in node.Entries)
        {
            found(entry, start, end);
        }
    }

    private sealed class Node
    {
        public Dictionary<string, Node>? Children;
        public Dictionary<string, Node>? Prefixes;
        public int ShortestPrefix = int.MaxValue;
        public HashSet<string>? PrefixStarts;
        public List<TrieEntry>? Entries;

        /// <summary>
        /// One look-up that rules out most words before trying each prefix length: the first
        /// <see cref="ShortestPrefix"/> letters of every prefix edge.
        /// </summary>
        public bool StartsWithAnyPrefix(ReadOnlySpan<char> word)
        {
            var starts = PrefixStarts ??= Prefixes!.Keys.Select(k => k[..ShortestPrefix]).ToHashSet(StringComparer.Ordinal);
            return starts.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word[..ShortestPrefix]);
        }

        /// <summary>Words are looked up as spans of the text's letter buffer: no string per word.</summary>
        public Dictionary<string, Node>.AlternateLookup<ReadOnlySpan<char>> ChildLookup;

        public Dictionary<string, Node>.AlternateLookup<ReadOnlySpan<char>> PrefixLookup;

        // The look-ups are made with their dictionaries, so walks (on any thread) never write to a node.
        public Dictionary<string, Node> CreateChildren()
        {
            Children = new Dictionary<string, Node>(StringComparer.Ordinal);
            ChildLookup = Children.GetAlternateLookup<ReadOnlySpan<char>>();
            return Children;
        }

        public Dictionary<string, Node> CreatePrefixes()
        {
            Prefixes = new Dictionary<string, Node>(StringComparer.Ordinal);
            PrefixLookup = Prefixes.GetAlternateLookup<ReadOnlySpan<char>>();
            return Prefixes;
        }
    }
}
