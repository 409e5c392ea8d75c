using System.Globalization;
using Ingest.Core.Topics;

namespace Ingest.Core.Stories;

/// <summary>
/// What reports of one event share whatever their outlet or language: the names and places they mention, the numbers
/// they give, and the words of their headline. Each term is folded so that variants meet — scripts and diacritics by
/// <see cref="TextNormalizer"/>, inflection by keeping a word's first <see cref="StemLength"/> letters ("Vučića",
/// "Вучић", "Vucic" → "vucic"), ijekavian by ekavian spelling in common words ("predsjednik" → "predsednik"), and the
/// forms folding cannot join by <see cref="NameAliases"/> ("Belgrade", "Beogradi", "Белград" → one term).
/// </summary>
public static class EventTerms
{
    /// <summary>Letters of a folded word kept: enough to tell names apart, few enough to join their inflected forms.</summary>
    public const int StemLength = 5;

    /// <summary>Words read from the title and from the text, as for the copy signature: a report's opening says what happened.</summary>
    public const int MaxWords = 400;

    /// <summary>Weight of a name or place, and of a number: what tells one event from another.</summary>
    public const double NameWeight = 1.0;

    /// <summary>Weight of a name nearly every report of the region carries (countries, capitals, alliances).</summary>
    public const double CommonNameWeight = 0.25;

    /// <summary>Weight of a headline word that is not a name: it says what happened, in one language only.</summary>
    public const double TitleWordWeight = 0.5;

    public static IReadOnlyDictionary<string, double> Of(string title, string text)
    {
        var terms = new Dictionary<string, double>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (term, weight) in Read(text, isTitle: false))
        {
            names.Add(term);
            Keep(terms, term, weight);
        }

        foreach (var (term, weight) in Read(title, isTitle: true))
        {
            // A headline in Title Case capitalises every word; a word is a name there only when the text names it too.
            Keep(terms, term, names.Contains(term) ? weight : Math.Min(weight, TitleWordWeight));
        }

        return terms;
    }

    private static void Keep(Dictionary<string, double> terms, string term, double weight) =>
        terms[term] = Math.Max(weight, terms.GetValueOrDefault(term));

    /// <summary>
    /// The terms of one text in order: capitalised words not opening a sentence, acronyms and numbers from a body text;
    /// every content word from a headline.
    /// </summary>
    private static IEnumerable<(string Term, double Weight)> Read(string text, bool isTitle)
    {
        (string Term, double Weight, int End)? pending = null;
        foreach (var token in TextNormalizer.Tokenize(text).Take(MaxWords))
        {
            var letters = token.Letters;
            if (char.IsAsciiDigit(letters[0]))
            {
                if (Number(text, token) is { } number)
                {
                    yield return (number, NameWeight);
                }

                continue;
            }

            var first = text[token.Start];
            var acronym = token.End - token.Start >= 2 && text.AsSpan(token.Start, token.End - token.Start).ContainsAnyExceptInRange('A', 'Z') is false;
            var capital = char.IsUpper(first);
            if (isTitle)
            {
                if ((acronym || letters.Length >= 4) && Stem(letters, capital) is { } term)
                {
                    yield return (term, !capital ? TitleWordWeight : NameAliases.IsCommon(term) ? CommonNameWeight : NameWeight);
                }
            }
            else if ((acronym || (capital && letters.Length >= 3 && !OpensSentence(text, token.Start))) && Stem(letters, isName: true) is { } name)
            {
                // A name word right before another ("Aleksandar Vučić", "North Mitrovica", "Dejan Pantić") is a given
                // name or a qualifier: the person or place is the last word, and counting both would count it twice.
                if (pending is { } previous)
                {
                    yield return (previous.Term, text.AsSpan(previous.End, token.Start - previous.End).IsWhiteSpace() ? Math.Min(previous.Weight, CommonNameWeight) : previous.Weight);
                }

                pending = (name, NameAliases.IsCommon(name) ? CommonNameWeight : NameWeight, token.End);
                continue;
            }

            if (pending is { } held)
            {
                yield return (held.Term, held.Weight);
                pending = null;
            }
        }

        if (pending is { } last)
        {
            yield return (last.Term, last.Weight);
        }
    }

    /// <summary>A word's term: its alias when it has one, otherwise its first letters (common words in ekavian); null for a word that names nothing.</summary>
    private static string? Stem(ReadOnlySpan<char> folded, bool isName)
    {
        if (NameAliases.NamesNothing(Cut(folded.ToString())))
        {
            return null;
        }

        var word = isName ? folded.ToString() : Ekavian(folded);
        var stem = Cut(word);
        return NameAliases.Canonical(word) ?? NameAliases.Canonical(stem) ?? stem;
    }

    /// <summary>A folded word's first <see cref="StemLength"/> letters.</summary>
    internal static string Cut(string word) => word.Length > StemLength ? word[..StemLength] : word;

    /// <summary>
    /// Ijekavian spelling of the old yat as ekavian — "ije" and "je" after a consonant become "e" — so Croatian,
    /// Bosnian and Montenegrin common words meet Serbian ones. Not for names, where "je" is part of the name.
    /// </summary>
    private static string Ekavian(ReadOnlySpan<char> word)
    {
        var result = new System.Text.StringBuilder(word.Length);
        for (var i = 0; i < word.Length; i++)
        {
            if (i > 0 && word[i] == 'i' && i + 2 < word.Length && word[i + 1] == 'j' && word[i + 2] == 'e' && !IsVowel(word[i - 1]))
            {
                result.Append('e');
                i += 2;
            }
            else if (i > 0 && word[i] == 'j' && i + 1 < word.Length && word[i + 1] == 'e' && !IsVowel(word[i - 1]) && word[i - 1] is not ('l' or 'n' or 'd'))
            {
                result.Append('e');
                i++;
            }
            else
            {
                result.Append(word[i]);
            }
        }

        return result.ToString();
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';

    /// <summary>
    /// A number as written with its group and decimal separators dropped ("1,000", "1.000" and "1000" meet); years and
    /// small numbers (days, ordinals, counts of one digit) are left out, for every report of a week carries them.
    /// </summary>
    private static string? Number(string text, Token token)
    {
        var end = token.End;
        while (end + 1 < text.Length && text[end] is '.' or ',' or '\u00A0' && char.IsAsciiDigit(text[end + 1]))
        {
            end++;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
            {
                end++;
            }
        }

        if (token.Start > 0 && char.IsAsciiDigit(text[token.Start - 1]))
        {
            return null;
        }

        var digits = string.Concat(text.AsSpan(token.Start, end - token.Start).ToString().Where(char.IsAsciiDigit));
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 32 || (digits.Length == 4 && value is >= 1900 and <= 2100))
        {
            return null;
        }

        return digits;
    }

    /// <summary>True for a word that begins the text, a sentence, a line or a quotation: it is capitalised for that alone.</summary>
    private static bool OpensSentence(string text, int start)
    {
        for (var i = start - 1; i >= 0; i--)
        {
            var c = text[i];
            if (c is '\n' or '.' or '!' or '?' or ':' or '"' or '“' or '„' or '«' or '»' or '—' or '–' or '-' or '(')
            {
                return true;
            }

            if (!char.IsWhiteSpace(c))
            {
                return false;
            }
        }

        return true;
    }
}
