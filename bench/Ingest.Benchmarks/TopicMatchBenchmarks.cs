using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using Ingest.Core.Topics;

namespace Ingest.Benchmarks;

/// <summary>
/// Normalise + match throughput on one news-sized article (or, for <c>set</c>, on each of a set of articles): the shipped model, the shipped model plus 10,000
/// generated terms, the shipped model plus 1,000 subscribers' own watches, and baselines of one compiled case-insensitive regex per term (forms as alternatives) or
/// per form of the shipped model.
/// </summary>
[MemoryDiagnoser]
public class TopicMatchBenchmarks
{
    private TopicMatcher _shipped = null!;
    private TermTrie _trie = null!;
    private List<Token>[] _words = [];
    private readonly List<TrieFind> _found = [];
    private readonly List<(int, int)> _sentences = [];
    private (int, int)[][] _symbols = [];
    private TopicMatcher _large = null!;
    private TopicMatcher _watched = null!;
    private Regex[] _perTerm = [];
    private Regex[] _perForm = [];
    private string[] _texts = [];

    /// <summary>The English or the Serbian article, or <c>set</c>: the project's labelled reports joined into articles (<see cref="NewsText.Set"/>).</summary>
    [Params("en", "sr", "set")]
    public string Language { get; set; } = "en";

    /// <summary>UTF-8 bytes of the articles, for MB/s: divide by the mean time.</summary>
    public int Bytes => _texts.Sum(Encoding.UTF8.GetByteCount);

    [GlobalSetup]
    public void Setup()
    {
        var path = Path.Combine(FindRoot(), "seeds", "topics.json");
        var model = TopicModelLoader.LoadFile(path);
        _shipped = new TopicMatcher(model);
        _large = new TopicMatcher(model with { Topics = [.. model.Topics, GeneratedTopic(10_000)] });
        // The issue's baseline: one compiled, case-insensitive regex per term (its forms as alternatives).
        _perTerm = model.Topics
            .SelectMany(t => t.Terms)
            .Select(term => new Regex(@"\b(?:" + string.Join("|", term.Forms.Select(FormPattern)) + @")\b", RegexOptions.Compiled | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant))
            .ToArray();

        // A stronger variant: one regex per form, each a literal that .NET finds with vectorised search.
        _perForm = model.Topics
            .SelectMany(t => t.Terms.SelectMany(term => term.Forms))
            .Distinct()
            .Select(form => new Regex(@"\b" + FormPattern(form) + @"\b", RegexOptions.Compiled | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant))
            .ToArray();
        _texts = Language == "set" ? [.. NewsText.Set(FindRoot())] : [NewsText.Article(Language)];
        _watched = new TopicMatcher(model, GeneratedWatches(1_000, string.Join("\n\n", _texts)));
        _words = [.. _texts.Select(TextNormalizer.Tokenize)];
        _symbols = [.. _words.Select(words => new (int, int)[words.Count])];
        _trie = new TermTrie(model.Topics
            .SelectMany((topic, t) => topic.Terms.SelectMany(term => term.Forms).Concat(topic.RequireNear.SelectMany(r => r.A.Concat(r.B)))
                .Select(form => (form, new TrieEntry(EntryKind.Term, t, 0))))
            .ToList());

        Console.WriteLine($"// {Language}: {_texts.Length} article(s), {Bytes} bytes, {_perTerm.Length} term regexes, {_perForm.Length} form regexes, {_watched.WatchCount} distinct watches, "
            + $"{_texts.Sum(text => _watched.Match("Defence news", text, "en", "news.example").Count(h => WatchQuery.IsWatchId(h.TopicId)))} watch hits");
    }

    [Benchmark(Baseline = true)]
    public int RegexPerTerm() => CountAll(_perTerm);

    [Benchmark]
    public int RegexPerForm() => CountAll(_perForm);

    [Benchmark]
    public int NormalizeOnly() => _texts.Sum(text => TextNormalizer.Tokenize(text).Count);

    /// <summary>Reading each word through the vocabulary and walking the trie from it, over already tokenised words.</summary>
    [Benchmark]
    public int WalkOnly()
    {
        var found = 0;
        for (var i = 0; i < _texts.Length; i++)
        {
            _found.Clear();
            _trie.FindAll(_texts[i], CollectionsMarshal.AsSpan(_words[i]), _symbols[i], _found);
            found += _found.Count;
        }

        return found;
    }

    /// <summary>The sentence split that snippets are cut from (once per article).</summary>
    [Benchmark]
    public int SentencesOnly()
    {
        var sentences = 0;
        foreach (var text in _texts)
        {
            Snippets.Sentences(text, _sentences);
            sentences += _sentences.Count;
        }

        return sentences;
    }

    [Benchmark]
    public int ShippedModel() => _texts.Sum(text => _shipped.Match("Defence news", text).Count);

    [Benchmark]
    public int TenThousandTerms() => _texts.Sum(text => _large.Match("Defence news", text).Count);

    /// <summary>The shipped model with 1,000 subscribers' watches compiled in (three each), many of them on the article's own words.</summary>
    [Benchmark]
    public int ThousandSubscribersWatches() => _texts.Sum(text => _watched.Match("Defence news", text, "en", "news.example").Count);

    private int CountAll(Regex[] regexes)
    {
        var found = 0;
        foreach (var text in _texts)
        {
            foreach (var regex in regexes)
            {
                found += regex.Count(text);
            }
        }

        return found;
    }

    private static string FormPattern(string form) =>
        string.Join(@"[\s-]+", form.Split(' ').Select(w => w.EndsWith('*') ? Regex.Escape(w[..^1]) + @"\w*" : Regex.Escape(w)));

    private static TopicDefinition GeneratedTopic(int terms)
    {
        var random = new Random(2026);
        string Word() => new(Enumerable.Range(0, random.Next(4, 10)).Select(_ => (char)('a' + random.Next(26))).ToArray());
        var generated = Enumerable.Range(0, terms)
            .Select(i => new TopicTerm([i % 3 == 0 ? $"{Word()} {Word()}" : Word()], 1))
            .ToList();
        return new TopicDefinition("generated", "Generated", "10,000 random terms", 1000, generated, [], [], []);
    }

    /// <summary>
    /// Three watches per subscriber, as analysts write them: one to three words, each a name the article writes with a
    /// capital (the people, places and organisations the region's news repeats) one time in ten and otherwise a made-up
    /// word, so that many watches are looked at and some hold; every fourth watch excludes a word, every fifth is a NEAR pair, every tenth is
    /// limited to a language. For the harder cases in docs/benchmarks.md: <c>WATCH_ODDS=n</c> takes an article's word one
    /// time in n, and <c>WATCH_NEVER=word</c> adds a word the article lacks to every watch, so all are looked at and none holds.
    /// </summary>
    private static IEnumerable<WatchQuery> GeneratedWatches(int subscribers, string article)
    {
        var random = new Random(2026);
        // What analysts watch are names: the article's words written with a capital (people, places, organisations).
        var known = TextNormalizer.Tokenize(article).Where(t => char.IsUpper(article[t.Start]) && t.Text.Length >= 4).Select(t => t.Text).Distinct().ToArray();
        string Made() => new(Enumerable.Range(0, random.Next(4, 9)).Select(_ => (char)('a' + random.Next(26))).ToArray());
        string Word() => random.Next(int.Parse(Environment.GetEnvironmentVariable("WATCH_ODDS") ?? "10", CultureInfo.InvariantCulture)) == 0 ? known[random.Next(known.Length)] : Made();
        for (var i = 0; i < subscribers * 3; i++)
        {
            var words = string.Join(' ', Enumerable.Range(0, random.Next(1, 4)).Select(_ => Word()));
            var text = (i % 5) switch
            {
                0 => $"{Word()} NEAR/8 {Word()}",
                _ => words,
            };
            text += i % 4 == 0 ? $" -{Made()}" : "";
            text += i % 10 == 0 ? " lang:en" : "";
            text += Environment.GetEnvironmentVariable("WATCH_NEVER") is { } never ? " " + never : "";
            yield return WatchQuery.Parse(text);
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Ingest.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("run from inside the repository");
    }
}
