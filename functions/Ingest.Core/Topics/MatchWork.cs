namespace Ingest.Core.Topics;

/// <summary>
/// Everything one article's match needs besides the model: its words, what the walk found and the tallies
/// per term, rule and topic. One instance per thread is reused article after article, so matching allocates
/// little more than the hits it returns; <see cref="Begin"/> clears what the previous article left.
/// </summary>
internal sealed class MatchWork
{
    // Enough for long news; a thread need not keep whatever the longest article it ever matched needed.
    private const int KeptLetters = 256 * 1024;
    private const int KeptWords = 64 * 1024;

    private char[] _titleLetters = new char[256];
    private char[] _textLetters = new char[16 * 1024];
    private (int, int)[] _symbols = new (int, int)[2048];
    private readonly List<(int Start, int End)> _sentences = [];
    private bool _sentencesSplit;
    private int _leadEnd = -1;

    public string Title { get; private set; } = "";

    public string Text { get; private set; } = "";

    public List<Token> TitleWords { get; } = [];

    public List<Token> TextWords { get; } = [];

    /// <summary>The walk's finds for the title or the text, whichever was walked last.</summary>
    public List<TrieFind> Found { get; } = [];

    /// <summary>How often each term (by its index across topics) was counted, and whether in the title.</summary>
    public int[] TermCounts { get; private set; } = [];

    public bool[] TermInTitle { get; private set; } = [];

    /// <summary>The terms counted at least once, in the order first found.</summary>
    public List<int> CountedTerms { get; } = [];

    /// <summary>Every counted term's place, with its topic, in text order (the title first).</summary>
    public List<(int Topic, int Term, Place Place)> TermPlaces { get; } = [];

    /// <summary>Places of each near rule's A and B groups (by rule index across topics), in text order.</summary>
    public List<Place>[] NearA { get; private set; } = [];

    public List<Place>[] NearB { get; private set; } = [];

    /// <summary>Each near rule's pairs (by rule index across topics), found once when its topic is scored.</summary>
    public List<(Place A, Place B)>[] RulePairs { get; private set; } = [];

    /// <summary>Scratch for explaining one topic: the text ranges its snippet is chosen by.</summary>
    public List<(int Start, int End)> Evidence { get; } = [];

    public bool[] TopicSeen { get; private set; } = [];

    /// <summary>Places of each watched form (by its index among the watches' distinct forms), filled only for the forms found.</summary>
    public List<Place>[] FormPlaces { get; private set; } = [];

    /// <summary>The watched forms found in this article, each once: all that needs clearing for the next.</summary>
    public List<int> TouchedForms { get; } = [];

    /// <summary>Snippets cut from this article so far, by their range in the text: watches found in one sentence share its string.</summary>
    public Dictionary<(int Start, int End), string> Cuts { get; } = [];

    /// <summary>Scratch: the watches one of whose forms was found, each once.</summary>
    public List<int> WatchCandidates { get; } = [];

    /// <summary>Which watches are in <see cref="WatchCandidates"/> already: those marked with this article's number.</summary>
    public int[] WatchMarks { get; private set; } = [];

    /// <summary>This article's number, for <see cref="WatchMarks"/>: marks of earlier articles need no clearing.</summary>
    public int Article { get; private set; }

    /// <summary>Scratch for one watch's NEAR pair.</summary>
    public List<(Place A, Place B)> ClausePairs { get; } = [];

    public bool[] TopicVetoed { get; private set; } = [];

    /// <summary>The text's sentences, split the first time a snippet needs them.</summary>
    public List<(int Start, int End)> Sentences
    {
        get
        {
            if (!_sentencesSplit)
            {
                Snippets.Sentences(Text, _sentences);
                _sentencesSplit = true;
            }

            return _sentences;
        }
    }

    /// <summary>Notes a watched form's find; a word found twice at one place (a name and its case ending) is one place.</summary>
    public void FindWatched(int form, Place place)
    {
        var places = FormPlaces[form];
        if (places.Count == 0)
        {
            TouchedForms.Add(form);
        }

        if (places.Count == 0 || places[^1] != place)
        {
            places.Add(place);
        }
    }

    /// <summary>Whether a very long article grew the buffers past what is worth keeping for the next one.</summary>
    public bool IsOversized =>
        _textLetters.Length > KeptLetters || TextWords.Capacity > KeptWords || Found.Capacity > KeptWords || TermPlaces.Capacity > KeptWords;

    /// <summary>Clears the previous article's tallies, sizes them for the model and tokenises this one.</summary>
    public void Begin(string title, string text, int topics, int terms, int rules, int watchedForms, int watches)
    {
        if (WatchMarks.Length < watches)
        {
            WatchMarks = new int[watches];
        }

        Article = Article == int.MaxValue ? 1 : Article + 1;
        if (Article == 1)
        {
            Array.Clear(WatchMarks);
        }

        foreach (var form in TouchedForms)
        {
            FormPlaces[form].Clear();
        }

        TouchedForms.Clear();
        Cuts.Clear();
        if (FormPlaces.Length < watchedForms)
        {
            FormPlaces = [.. FormPlaces, .. Enumerable.Range(0, watchedForms - FormPlaces.Length).Select(_ => new List<Place>())];
        }

        foreach (var term in CountedTerms)
        {
            TermCounts[term] = 0;
            TermInTitle[term] = false;
        }

        CountedTerms.Clear();
        TermPlaces.Clear();
        if (TermCounts.Length < terms)
        {
            TermCounts = new int[terms];
            TermInTitle = new bool[terms];
        }

        if (NearA.Length < rules)
        {
            NearA = [.. Enumerable.Range(0, rules).Select(_ => new List<Place>())];
            NearB = [.. Enumerable.Range(0, rules).Select(_ => new List<Place>())];
            RulePairs = [.. Enumerable.Range(0, rules).Select(_ => new List<(Place, Place)>())];
        }

        for (var r = 0; r < NearA.Length; r++)
        {
            NearA[r].Clear();
            NearB[r].Clear();
            RulePairs[r].Clear();
        }

        if (TopicSeen.Length < topics)
        {
            TopicSeen = new bool[topics];
            TopicVetoed = new bool[topics];
        }

        Array.Clear(TopicSeen);
        Array.Clear(TopicVetoed);

        (Title, Text, _sentencesSplit, _leadEnd) = (title, text, false, -1);
        TextNormalizer.Tokenize(title, TitleWords, ref _titleLetters);
        TextNormalizer.Tokenize(text, TextWords, ref _textLetters);
        if (_symbols.Length < Math.Max(TitleWords.Count, TextWords.Count))
        {
            _symbols = new (int, int)[Math.Max(TitleWords.Count, TextWords.Count) * 2];
        }
    }

    /// <summary>Room for the vocabulary symbols of every word of the title or the text.</summary>
    public Span<(int Word, int Prefixes)> Symbols => _symbols;

    /// <summary>
    /// The character where the text's first sentence ends: the title and that sentence are the lead. A text that opens
    /// with the headline again (extracted pages and many feeds do, some after a byline) has its lead in the sentence
    /// after it, and the short lines a page puts before its first sentence (a byline, a date, "Comments (0)") are
    /// passed over into the lead: a sentence of fewer than <see cref="LeadWords"/> words (numbers not counted) is
    /// not yet the lead.
    /// </summary>
    public int LeadEnd
    {
        get
        {
            if (_leadEnd < 0)
            {
                _leadEnd = FindLeadEnd();
            }

            return _leadEnd;
        }
    }

    private const int LeadWords = 8;

    private int FindLeadEnd()
    {
        var sentences = Sentences;
        if (sentences.Count == 0)
        {
            return 0;
        }

        var repeated = RepeatedTitleEnd();
        var word = 0;
        foreach (var (start, end) in sentences)
        {
            var words = 0;
            for (; word < TextWords.Count && TextWords[word].Start < end; word++)
            {
                words += TextWords[word].Start >= Math.Max(start, repeated) && !char.IsAsciiDigit(TextWords[word].Letters[0]) ? 1 : 0;
            }

            // The first sentence ending past the headline and the stop or the blank lines after it.
            if (end > repeated && words >= LeadWords)
            {
                return end;
            }
        }

        return sentences[^1].End;
    }

    /// <summary>
    /// Where the headline ends when the text repeats it at its top (first, or after a byline and a date within
    /// <see cref="HeadlineReach"/> characters), or 0 when it does not.
    /// </summary>
    private int RepeatedTitleEnd()
    {
        var title = Title.AsSpan().Trim();
        var top = Text.AsSpan(0, Math.Min(Text.Length, HeadlineReach + title.Length));
        var start = title.Length == 0 ? -1 : top.IndexOf(title, StringComparison.OrdinalIgnoreCase);
        if (start < 0)
        {
            return 0;
        }

        var end = start + title.Length;
        while (end < Text.Length && (char.IsWhiteSpace(Text[end]) || char.IsPunctuation(Text[end])))
        {
            end++;
        }

        return end;
    }

    private const int HeadlineReach = 200;

    /// <summary>Whether <paramref name="place"/> is in the title or the lead, where a report says what it is about.</summary>
    public bool IsProminent(Place place) => place.InTitle || TextWords[place.First].Start < LeadEnd;

    /// <summary>The sentence of the text that holds <paramref name="place"/> (-1 for the title).</summary>
    public int SentenceOf(Place place)
    {
        if (place.InTitle)
        {
            return -1;
        }

        var start = TextWords[place.First].Start;
        var sentences = Sentences;
        var (low, high) = (0, sentences.Count - 1);
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            (low, high) = sentences[middle].Start <= start ? (middle, high) : (low, middle - 1);
        }

        return low;
    }

    public string Surface(Place place)
    {
        var (source, words) = place.InTitle ? (Title, TitleWords) : (Text, TextWords);
        return source[words[place.First].Start..words[place.Last].End];
    }
}
