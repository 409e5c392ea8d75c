using System.Globalization;
using System.Text;

namespace Ingest.Core.Topics;

/// <summary>
/// One word of normalised text, with where it stands in the original (<see cref="Start"/>..<see cref="End"/>).
/// Its letters live in a buffer shared by the whole text; <see cref="Text"/> makes a string only when asked.
/// </summary>
public readonly struct Token(char[] buffer, int offset, int length, int start, int end)
{
    public int Start { get; } = start;

    public int End { get; } = end;

    public ReadOnlySpan<char> Letters => buffer.AsSpan(offset, length);

    public string Text => new(buffer, offset, length);

    public override string ToString() => $"{Text} [{Start}..{End})";
}

/// <summary>
/// Normalises text for matching: Unicode NFKC, case-folded, diacritics folded (č ć → c,
/// đ → dj, š → s, ž → z, ë → e), Serbian and Macedonian Cyrillic transliterated to Latin, and split into
/// words at every character that is not a letter or digit and between letters and digits, so that
/// "HQ-22", "HQ 22" and "HQ22" are the same two words. Terms and text go through the same code.
/// </summary>
public static class TextNormalizer
{
    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>(text.Length / 6);
        var letters = new char[text.Length + 16];
        Tokenize(text, tokens, ref letters);
        return tokens;
    }

    /// <summary>
    /// Tokenises into storage the caller reuses: <paramref name="tokens"/> is cleared first, and the words'
    /// letters are written from the start of <paramref name="buffer"/>, which is swapped for a larger array
    /// when they do not fit. Tokens from an earlier call on the same buffer are overwritten.
    /// </summary>
    internal static void Tokenize(string text, List<Token> tokens, ref char[] buffer)
    {
        tokens.Clear();
        var letters = new LetterBuffer(buffer);
        int start = -1, end = -1;
        var wordIsDigits = false;

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 128)
            {
                // Most of most articles: runs of ASCII letters or digits, copied and lower-cased at once.
                var digit = char.IsAsciiDigit(c);
                if (!digit && !char.IsAsciiLetter(c))
                {
                    Flush(tokens, ref letters, ref start, end);
                    continue;
                }

                if (start >= 0 && digit != wordIsDigits)
                {
                    Flush(tokens, ref letters, ref start, end);
                }

                var run = i + 1;
                while (run < text.Length && text[run] < 128 && (digit ? char.IsAsciiDigit(text[run]) : char.IsAsciiLetter(text[run])))
                {
                    run++;
                }

                start = start < 0 ? i : start;
                letters.AppendAscii(text.AsSpan(i, run - i), lowerCase: !digit);
                wordIsDigits = digit;
                end = run;
                i = run - 1;
                continue;
            }

            var folded = c < Map.Length ? Map[c] : char.IsSurrogate(c) ? null : Fold(c.ToString());
            if (folded is null)
            {
                Flush(tokens, ref letters, ref start, end);
                continue;
            }

            if (folded.Length == 0)
            {
                // A combining mark or similar: part of the word it follows, adds no letter.
                end = start < 0 ? end : i + 1;
                continue;
            }

            // Letters and digits never share a word: "HQ22" reads as "hq 22", like "HQ-22".
            var digits = char.IsAsciiDigit(folded[0]);
            if (start >= 0 && digits != wordIsDigits)
            {
                Flush(tokens, ref letters, ref start, end);
            }

            start = start < 0 ? i : start;
            foreach (var letter in folded)
            {
                letters.Append(letter);
            }

            wordIsDigits = digits;
            end = i + 1;
        }

        Flush(tokens, ref letters, ref start, end);
        buffer = letters.Chars;
    }

    /// <summary>The normalised words of <paramref name="text"/> joined by single spaces (for terms, tests and display).</summary>
    public static string Normalize(string text) => string.Join(' ', Tokenize(text).Select(t => t.Text));

    private static void Flush(List<Token> tokens, ref LetterBuffer letters, ref int start, int end)
    {
        if (start >= 0 && letters.WordLength > 0)
        {
            tokens.Add(letters.EndWord(start, end));
        }

        start = -1;
    }

    /// <summary>The letters of every word of one text, back to back; grows by copying, which earlier tokens do not notice.</summary>
    private struct LetterBuffer(char[] chars)
    {
        private char[] _chars = chars;
        private int _length;
        private int _wordStart;

        public readonly char[] Chars => _chars;

        public readonly int WordLength => _length - _wordStart;

        public void Append(char c)
        {
            MakeRoom(1);
            _chars[_length++] = c;
        }

        public void AppendAscii(ReadOnlySpan<char> run, bool lowerCase)
        {
            MakeRoom(run.Length);
            var into = _chars.AsSpan(_length, run.Length);
            var caseBit = lowerCase ? (char)0x20 : (char)0;
            for (var k = 0; k < run.Length; k++)
            {
                into[k] = (char)(run[k] | caseBit);
            }

            _length += run.Length;
        }

        private void MakeRoom(int count)
        {
            if (_length + count > _chars.Length)
            {
                Array.Resize(ref _chars, Math.Max(_length + count, _chars.Length * 2));
            }
        }

        public Token EndWord(int start, int end)
        {
            var token = new Token(_chars, _wordStart, _length - _wordStart, start, end);
            _wordStart = _length;
            return token;
        }
    }

    private static string?[] BuildMap()
    {
        var map = new string?[0x3000];
        for (var c = 128; c < map.Length; c++)
        {
            map[c] = char.IsSurrogate((char)c) ? null : Fold(((char)c).ToString());
        }

        return map;
    }

    /// <summary>Folds one character: null when it separates words, "" when it vanishes, otherwise its letters.</summary>
    private static string? Fold(string character)
    {
        var compatible = character.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var result = new StringBuilder();
        foreach (var ch in compatible)
        {
            if (Transliteration.TryGetValue(ch, out var latin))
            {
                result.Append(latin);
                continue;
            }

            var decomposed = ch.ToString().Normalize(NormalizationForm.FormD);
            foreach (var part in decomposed)
            {
                var category = CharUnicodeInfo.GetUnicodeCategory(part);
                if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format)
                {
                    continue;
                }

                if (char.IsLetterOrDigit(part))
                {
                    result.Append(Transliteration.TryGetValue(part, out var l) ? l : part.ToString());
                }
                else
                {
                    return result.Length == 0 ? null : result.ToString();
                }
            }
        }

        if (result.Length == 0)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(character[0]);
            return category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format
                ? ""
                : null;
        }

        return result.ToString();
    }

    private static readonly Dictionary<char, string> Transliteration = new()
    {
        // Serbian Cyrillic (Vuk's alphabet) to Gaj's Latin, then folded as Latin is (ž → z, ć → c…).
        ['а'] = "a", ['б'] = "b", ['в'] = "v", ['г'] = "g", ['д'] = "d", ['ђ'] = "dj", ['е'] = "e", ['ж'] = "z", ['з'] = "z",
        ['и'] = "i", ['ј'] = "j", ['к'] = "k", ['л'] = "l", ['љ'] = "lj", ['м'] = "m", ['н'] = "n", ['њ'] = "nj", ['о'] = "o",
        ['п'] = "p", ['р'] = "r", ['с'] = "s", ['т'] = "t", ['ћ'] = "c", ['у'] = "u", ['ф'] = "f", ['х'] = "h", ['ц'] = "c",
        ['ч'] = "c", ['џ'] = "dz", ['ш'] = "s",

        // Macedonian and Russian letters that also appear in regional news.
        ['ѓ'] = "gj", ['ќ'] = "kj", ['ѕ'] = "dz", ['й'] = "j", ['ы'] = "y", ['э'] = "e", ['ю'] = "ju", ['я'] = "ja",
        ['щ'] = "sc", ['ъ'] = "", ['ь'] = "", ['ё'] = "e", ['є'] = "e", ['і'] = "i", ['ї'] = "i",

        // Latin letters that do not decompose.
        ['đ'] = "dj", ['ß'] = "ss", ['æ'] = "ae", ['œ'] = "oe", ['ø'] = "o", ['ł'] = "l", ['ı'] = "i", ['þ'] = "th",
    };

    // Declared after the transliteration table it is built from: static fields initialise in order.
    // Each BMP character below U+3000, folded once: null = separator, "" = dropped, else its letters.
    private static readonly string?[] Map = BuildMap();
}
