namespace Ingest.Core.Topics;

/// <summary>A word or phrase worth considering as a term, with why and where.</summary>
public sealed record TermCandidate(string Term, string Kind, double Score, int Count, IReadOnlyList<string> Documents, string Example, bool Known);

/// <summary>
/// Proposes candidate terms from new seed documents so the model can grow; the curator still decides.
/// Counts one- to four-word phrases of the normalised text (no phrase starts or ends with a common word
/// of English, the region's languages or Albanian), keeps the spelling seen most often, and ranks acronyms
/// and capitalised names above plain words, phrases found in several documents above those in one.
/// Phrases the model already has are marked, so the new ones stand out.
/// </summary>
public static class TermLearner
{
    private const int MaxWords = 4;

    public static IReadOnlyList<TermCandidate> Propose(IEnumerable<(string Name, string Text)> documents, TopicMatcher? model = null, int top = 40)
    {
        var stats = new Dictionary<string, Stat>(StringComparer.Ordinal);
        foreach (var (name, text) in documents)
        {
            var words = TextNormalizer.Tokenize(text);
            for (var i = 0; i < words.Count; i++)
            {
                for (var length = 1; length <= MaxWords && i + length <= words.Count; length++)
                {
                    var first = words[i];
                    var last = words[i + length - 1];
                    if (StopWords.Contains(first.Text) || StopWords.Contains(last.Text) || (length == 1 && first.Text.Length < 3) || char.IsAsciiDigit(first.Text[0]))
                    {
                        continue;
                    }

                    var key = string.Join(' ', words.Skip(i).Take(length).Select(w => w.Text));
                    if (!stats.TryGetValue(key, out var stat))
                    {
                        stats[key] = stat = new Stat(length);
                    }

                    stat.Add(name, text[first.Start..last.End], text);
                }
            }
        }

        // "Regional Air Defence" is noise when it only ever occurs inside "Regional Air Defence Initiative".
        var subsumed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, stat) in stats)
        {
            var space = key.IndexOf(' ');
            if (space < 0)
            {
                continue;
            }

            foreach (var part in new[] { key[(space + 1)..], key[..key.LastIndexOf(' ')] })
            {
                if (stats.TryGetValue(part, out var shorter) && shorter.Count == stat.Count)
                {
                    subsumed.Add(part);
                }
            }
        }

        var known = model is null ? [] : KnownForms(model);
        return stats
            .Where(kv => !subsumed.Contains(kv.Key) && (kv.Value.Count >= 2 || kv.Value.Kind is "acronym"))
            .Select(kv => (Key: kv.Key, Candidate: kv.Value.ToCandidate(kv.Key, known: false)))
            .OrderByDescending(c => c.Candidate.Score)
            .ThenBy(c => c.Candidate.Term, StringComparer.Ordinal)
            .Take(top)
            .Select(c => c.Candidate with { Known = IsKnown(c.Key, known) })
            .ToList();
    }

    /// <summary>Every form of the model as normalised words, each flagged when it was written as a prefix.</summary>
    private static List<(string Word, bool Prefix)[]> KnownForms(TopicMatcher model) => model.Model.Topics
        .SelectMany(t => t.Terms.SelectMany(term => term.Forms).Concat(t.RequireNear.SelectMany(r => r.A.Concat(r.B))))
        .Select(form => form.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(part =>
            {
                var words = TextNormalizer.Tokenize(part.TrimEnd('*'));
                return words.Select((w, i) => (w.Text, part.EndsWith('*') && i == words.Count - 1));
            })
            .ToArray())
        .ToList();

    private static bool IsKnown(string key, List<(string Word, bool Prefix)[]> forms)
    {
        var words = key.Split(' ');
        return forms.Any(form => form.Length == words.Length
            && form.Zip(words).All(p => p.First.Prefix ? p.Second.StartsWith(p.First.Word, StringComparison.Ordinal) : p.Second == p.First.Word));
    }

    private sealed class Stat(int words)
    {
        private readonly Dictionary<string, int> _spellings = new(StringComparer.Ordinal);
        private readonly HashSet<string> _documents = new(StringComparer.Ordinal);
        private string _example = "";

        public int Count { get; private set; }

        public string Kind => _spellings.Keys.All(IsAcronym) ? "acronym" : _spellings.Keys.All(IsName) ? "name" : words > 1 ? "phrase" : "word";

        public void Add(string document, string spelling, string text)
        {
            Count++;
            _documents.Add(document);
            _spellings[spelling] = _spellings.GetValueOrDefault(spelling) + 1;
            if (_example.Length == 0)
            {
                var at = text.IndexOf(spelling, StringComparison.Ordinal);
                var start = Math.Max(0, at - 60);
                var end = Math.Min(text.Length, at + spelling.Length + 60);
                _example = Text.HtmlText.NormalizeWhitespace(text[start..end]);
            }
        }

        public TermCandidate ToCandidate(string key, bool known)
        {
            var kindBoost = Kind switch { "acronym" => 3.0, "name" => 2.0, "phrase" => 1.5, _ => 1.0 };
            var score = Math.Log(1 + Count) * kindBoost * (1 + Math.Log(_documents.Count)) * (1 + (0.25 * (words - 1)));
            var spelling = _spellings.MaxBy(s => s.Value).Key;
            return new TermCandidate(spelling, Kind, Math.Round(score, 2), Count, _documents.Order(StringComparer.Ordinal).ToList(), _example, known);
        }

        private static bool IsAcronym(string spelling) =>
            spelling.Length is >= 2 and <= 8 && spelling.All(c => char.IsUpper(c) || char.IsDigit(c) || c == '-') && spelling.Any(char.IsLetter);

        private static bool IsName(string spelling) =>
            spelling.Split(' ', '-').All(w => w.Length > 0 && (char.IsUpper(w[0]) || char.IsDigit(w[0])));
    }

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        // English
        "the", "a", "an", "and", "or", "but", "of", "in", "on", "at", "to", "for", "from", "by", "with", "as", "is", "are", "was", "were",
        "be", "been", "being", "has", "have", "had", "it", "its", "this", "that", "these", "those", "which", "who", "whom", "what", "their",
        "they", "them", "he", "she", "his", "her", "we", "our", "you", "your", "not", "no", "also", "than", "then", "there", "here", "such",
        "into", "over", "under", "between", "about", "after", "before", "during", "while", "since", "up", "down", "out", "more", "most",
        "other", "some", "any", "all", "both", "each", "can", "could", "will", "would", "should", "may", "might", "must", "do", "does", "did",
        "said", "says", "one", "two", "new", "well", "however", "very", "s", "i", "if", "so", "only", "through", "against", "within",
        // Serbian, Croatian, Bosnian (normalised)
        "i", "u", "na", "je", "su", "da", "se", "za", "od", "do", "sa", "s", "iz", "o", "po", "kao", "koji", "koja", "koje", "ali",
        "ili", "ne", "to", "te", "ta", "taj", "biti", "bio", "bila", "bilo", "jos", "vec", "sto", "kako", "kada", "gde", "gdje", "nije",
        "sve", "svi", "ce", "bi", "smo", "ste", "sam", "ova", "ovo", "ovaj", "tog", "toga", "ih", "im", "njih", "njegov", "njena", "prema",
        // Albanian (normalised)
        "e", "te", "ne", "me", "per", "dhe", "nga", "qe", "se", "si", "ka", "kane", "jane", "eshte", "nje", "i", "ta", "por", "edhe", "mbi",
    };
}
