namespace Ingest.Core.Topics;

/// <summary>
/// Every normalised word and word prefix (<c>kosov*</c>) of the model's forms, numbered as symbols and laid out
/// as a trie over letters with a dense transition table. Reading a text word's letters through it gives the
/// word's symbol and the symbols of every prefix it starts with; most words of a text fall out of the trie
/// after a letter or two, so looking a word up costs a few array reads instead of hashing it. Normalised text
/// is almost all ASCII (Cyrillic is read in Latin), so only ASCII letters have columns in the table; the few
/// other letters the model has (Greek, letters no folding maps) step through a small dictionary, which keeps
/// the table narrow and in cache however many scripts the model's forms are written in.
/// </summary>
internal sealed class Vocabulary
{
    public const int None = -1;

    private readonly Dictionary<string, int> _symbols = new(StringComparer.Ordinal);
    private readonly int[] _asciiClass = new int[128];
    private readonly int _classes;
    private readonly Dictionary<(int State, char Letter), int> _otherNext = [];

    // Per state (the root is state 0, and 0 also marks a missing transition: nothing leads back to the root).
    private readonly int[] _next;
    private readonly int[] _wordSymbol;
    private readonly int[] _prefixSymbol;

    // The nearest state at or above this one that ends a prefix, and from a prefix state the next one up.
    private readonly int[] _nearestPrefix;
    private readonly int[] _prefixAbove;

    /// <summary>
    /// Case endings of Serbian, Croatian, Bosnian and Albanian nouns, as normalised text writes them: a name's
    /// stem (its final vowel dropped) followed by one of these reads as the name. Short on purpose: each is an
    /// ending of the nominal declension, never of a derived word ("Kosovo" → "Kosovu", not "kosovski").
    /// </summary>
    private static readonly string[] CaseEndings =
        ["a", "e", "i", "o", "u", "om", "em", "oj", "ama", "ima", "ih", "im", "ju", "ji", "je", "ja", "es", "en", "s", "n", "se", "ne", "it", "in"];

    // Per state: the name a stem ending here stands for, the nearest stem state at or above it, and its depth.
    private readonly int[] _stemSymbol;
    private readonly int[] _nearestStem;
    private readonly int[] _depth;

    /// <summary>
    /// Numbers <paramref name="words"/> (a trailing <c>*</c> makes a prefix) and builds the letter trie;
    /// <paramref name="names"/> (some of the words) are also read with <see cref="CaseEndings"/>.
    /// </summary>
    public Vocabulary(IEnumerable<string> words, IEnumerable<string> names)
    {
        // A word's symbol is its place in this list.
        var letters = new List<(string Letters, bool IsPrefix)>();
        foreach (var word in words)
        {
            if (_symbols.TryAdd(word, letters.Count))
            {
                letters.Add(word.EndsWith('*') ? (word[..^1], true) : (word, false));
            }
        }

        // Class 0 is every ASCII character no vocabulary word contains: it leads nowhere. Other letters are
        // their own class, above the ASCII ones, and step through _otherNext.
        foreach (var c in letters.SelectMany(l => l.Letters).Where(c => c < 128).Distinct())
        {
            _asciiClass[c] = ++_classes;
        }

        _classes++;
        var states = new List<Dictionary<int, int>> { new() };
        var parent = new List<int> { None };
        var wordSymbol = new List<int> { None };
        var prefixSymbol = new List<int> { None };
        var stemSymbol = new List<int> { None };
        int StateOf(string text)
        {
            var state = 0;
            foreach (var c in text)
            {
                var cls = Class(c);
                if (!states[state].TryGetValue(cls, out var next))
                {
                    next = states.Count;
                    states[state][cls] = next;
                    states.Add([]);
                    parent.Add(state);
                    wordSymbol.Add(None);
                    prefixSymbol.Add(None);
                    stemSymbol.Add(None);
                }

                state = next;
            }

            return state;
        }

        for (var symbol = 0; symbol < letters.Count; symbol++)
        {
            var (text, isPrefix) = letters[symbol];
            (isPrefix ? prefixSymbol : wordSymbol)[StateOf(text)] = symbol;
        }

        foreach (var name in names.Distinct())
        {
            var stem = name[^1] is 'a' or 'e' or 'i' or 'o' or 'u' ? name[..^1] : name;
            var state = StateOf(stem);
            if (stemSymbol[state] == None)
            {
                stemSymbol[state] = _symbols[name];
            }
        }

        _next = new int[states.Count * _classes];
        _nearestPrefix = new int[states.Count];
        _prefixAbove = new int[states.Count];
        _nearestStem = new int[states.Count];
        _depth = new int[states.Count];
        for (var s = 0; s < states.Count; s++)
        {
            foreach (var (cls, next) in states[s])
            {
                if (cls < _classes)
                {
                    _next[(s * _classes) + cls] = next;
                }
                else
                {
                    _otherNext[(s, (char)(cls - _classes))] = next;
                }
            }

            // Parents are created before their children, so theirs is already known.
            var above = parent[s] == None ? None : _nearestPrefix[parent[s]];
            _nearestPrefix[s] = prefixSymbol[s] != None ? s : above;
            _prefixAbove[s] = above;
            _nearestStem[s] = stemSymbol[s] != None ? s : parent[s] == None ? None : _nearestStem[parent[s]];
            _depth[s] = parent[s] == None ? 0 : _depth[parent[s]] + 1;
        }

        _wordSymbol = [.. wordSymbol];
        _prefixSymbol = [.. prefixSymbol];
        _stemSymbol = [.. stemSymbol];
    }

    /// <summary>How many symbols there are: they are numbered from 0.</summary>
    public int Count => _symbols.Count;

    /// <summary>The symbol of a normalised word, or of a prefix written with its <c>*</c>.</summary>
    public int SymbolOf(string word) => _symbols[word];

    /// <summary>
    /// Reads <paramref name="word"/>'s letters: its own symbol (or <see cref="None"/>), and the first of the
    /// prefix states it passed (see <see cref="NextPrefix"/>), or <see cref="None"/>.
    /// </summary>
    public (int Word, int Prefixes) Read(ReadOnlySpan<char> word)
    {
        var state = 0;
        foreach (var c in word)
        {
            var next = c < 128 ? _next[(state * _classes) + _asciiClass[c]] : _otherNext.GetValueOrDefault((state, c));
            if (next == 0)
            {
                return (Declined(word, state), _nearestPrefix[state]);
            }

            state = next;
        }

        return (_wordSymbol[state] != None ? _wordSymbol[state] : Declined(word, state), _nearestPrefix[state]);
    }

    /// <summary>The name whose stem <paramref name="word"/> starts with (read up to <paramref name="state"/>), when the rest is a case ending.</summary>
    private int Declined(ReadOnlySpan<char> word, int state)
    {
        var stem = _nearestStem[state];
        if (stem == None || _depth[stem] == word.Length)
        {
            return None;
        }

        var ending = word[_depth[stem]..];
        foreach (var candidate in CaseEndings)
        {
            if (ending.SequenceEqual(candidate))
            {
                return _stemSymbol[stem];
            }
        }

        return None;
    }

    /// <summary>The symbol of the prefix ending at <paramref name="prefixState"/>, and the next shorter prefix's state.</summary>
    public (int Symbol, int Next) NextPrefix(int prefixState) => (_prefixSymbol[prefixState], _prefixAbove[prefixState]);

    /// <summary>While building: an ASCII letter's column, or for any other letter a class above them that encodes it.</summary>
    private int Class(char c) => c < 128 ? _asciiClass[c] : _classes + c;
}
