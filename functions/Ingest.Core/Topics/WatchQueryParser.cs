using System.Globalization;

namespace Ingest.Core.Topics;

/// <summary>
/// Reads the text of a <see cref="WatchQuery"/>: whitespace between parts, double quotes around a phrase, a
/// leading <c>-</c> to exclude, <c>NEAR</c> or <c>NEAR/n</c> (in capitals) between two parts, <c>lang:</c> and
/// <c>site:</c> for limits. Every part is AND; <c>OR</c> is refused with a hint rather than read as a word.
/// </summary>
internal static class WatchQueryParser
{
    /// <summary>A word written as a prefix needs this many letters before its <c>*</c>, or it matches half the language.</summary>
    private const int MinPrefixLetters = 3;

    private const int MaxPhraseWords = 6;

    public static WatchQuery Parse(string text)
    {
        // One line with single spaces: a watch is named in mail subjects and pages as written.
        var trimmed = string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (trimmed.Any(char.IsControl))
        {
            throw new WatchQueryException("has control characters");
        }

        if (trimmed.Length == 0)
        {
            throw new WatchQueryException("is empty: write at least one word or \"quoted phrase\"");
        }

        if (trimmed.Length > WatchQuery.MaxLength)
        {
            throw new WatchQueryException($"is longer than {WatchQuery.MaxLength} characters");
        }

        var parts = Split(trimmed);
        var (required, excluded, near, languages, sites) = (new List<string>(), new List<string>(), new List<WatchNear>(), new List<string>(), new List<string>());
        for (var i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            if (!part.Quoted && IsNear(part.Text, out _))
            {
                throw new WatchQueryException("NEAR needs a word or phrase on each side");
            }

            if (i + 2 < parts.Count && !parts[i + 1].Quoted && IsNear(parts[i + 1].Text, out var window))
            {
                near.Add(new WatchNear(Form(parts[i]), Form(parts[i + 2]), window));
                i += 2;
                continue;
            }

            if (!part.Quoted && Limit(part.Text, "lang:") is { } langs)
            {
                languages.AddRange(langs.Select(Language));
            }
            else if (!part.Quoted && Limit(part.Text, "site:") is { } hosts)
            {
                sites.AddRange(hosts.Select(Site));
            }
            else if (!part.Quoted && part.Text == "AND")
            {
                // Every part must hold anyway.
            }
            else if (!part.Quoted && part.Text == "OR")
            {
                throw new WatchQueryException("cannot say OR: every part must hold; write one watch for each alternative");
            }
            else if (part.Excluded)
            {
                excluded.Add(Form(part));
            }
            else
            {
                required.Add(Form(part));
            }
        }

        if (required.Count == 0 && near.Count == 0)
        {
            throw new WatchQueryException("needs at least one word or phrase to look for, not only exclusions or limits");
        }

        if (required.Count + excluded.Count + near.Count > WatchQuery.MaxClauses)
        {
            throw new WatchQueryException($"has more than {WatchQuery.MaxClauses} words, phrases and NEAR pairs");
        }

        return new WatchQuery(trimmed, required.Distinct().ToList(), excluded.Distinct().ToList(), near, languages.Distinct().ToList(), sites.Distinct().ToList());
    }

    private readonly record struct Part(string Text, bool Quoted, bool Excluded);

    private static List<Part> Split(string text)
    {
        var parts = new List<Part>();
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            var excluded = text[i] == '-' && i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1]);
            var start = excluded ? i + 1 : i;
            if (start < text.Length && text[start] == '"')
            {
                var close = text.IndexOf('"', start + 1);
                if (close < 0)
                {
                    throw new WatchQueryException($"has a quote that opens at character {start + 1} and is never closed");
                }

                parts.Add(new Part(text[(start + 1)..close], Quoted: true, excluded));
                i = close + 1;
                continue;
            }

            var end = start;
            while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] != '"')
            {
                end++;
            }

            parts.Add(new Part(text[start..end], Quoted: false, excluded));
            i = end;
        }

        return parts;
    }

    private static bool IsNear(string word, out int window)
    {
        window = WatchQuery.DefaultNearWindow;
        if (word == "NEAR")
        {
            return true;
        }

        if (!word.StartsWith("NEAR/", StringComparison.Ordinal))
        {
            return false;
        }

        if (!int.TryParse(word.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out window) || window is < 1 or > WatchQuery.MaxNearWindow)
        {
            throw new WatchQueryException($"NEAR/n needs a number of words from 1 to {WatchQuery.MaxNearWindow}");
        }

        return true;
    }

    /// <summary>The comma-separated values of a <c>lang:</c> or <c>site:</c> part, or null for any other part.</summary>
    private static string[]? Limit(string part, string prefix) =>
        part.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            ? part[prefix.Length..].Split(',', StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } values
                ? values
                : throw new WatchQueryException($"{prefix} needs a value")
            : null;

    /// <summary>A BCP 47 tag or its beginning (<c>sr</c>, <c>sr-Cyrl</c>).</summary>
    private static string Language(string tag) =>
        tag.Length <= 16 && tag.Split('-').All(s => s.Length is >= 2 and <= 8 && s.All(char.IsAsciiLetterOrDigit)) && char.IsAsciiLetter(tag[0])
            ? tag
            : throw new WatchQueryException("lang: takes language tags such as sr, sr-Cyrl or sq");

    /// <summary>A host name; the site's subdomains count too.</summary>
    private static string Site(string host)
    {
        var bare = host.Trim().TrimEnd('.').ToLowerInvariant();
        return bare.Length is > 0 and <= 253 && bare.Contains('.')
            && bare.Split('.').All(l => l.Length is > 0 and <= 63 && l.All(c => char.IsLetterOrDigit(c) || c == '-'))
            ? bare
            : throw new WatchQueryException("site: takes a host name such as example.com");
    }

    /// <summary>A word or phrase as the trie reads forms: checked to say something after folding.</summary>
    private static string Form(Part part)
    {
        var form = part.Text.Trim();
        var prefix = form.EndsWith('*');
        var words = TextNormalizer.Tokenize(prefix ? form[..^1] : form);
        if (words.Count == 0)
        {
            throw new WatchQueryException("has a part with no letters or digits");
        }

        if (words.Count > MaxPhraseWords)
        {
            throw new WatchQueryException($"has a phrase of more than {MaxPhraseWords} words");
        }

        if (form.IndexOf('*') is var star && star >= 0 && star < form.Length - 1)
        {
            throw new WatchQueryException("can only have * at the end of a word");
        }

        if (prefix && words[^1].Text.Length < MinPrefixLetters)
        {
            throw new WatchQueryException($"needs at least {MinPrefixLetters} letters before a *");
        }

        if (words is [{ Text.Length: < 2 } only] && !char.IsDigit(only.Text[0]))
        {
            throw new WatchQueryException("has a one-letter word, which would match almost anything");
        }

        // Punctuation inside a quoted phrase is not part of what is matched; spaces between its words are.
        return prefix || !part.Quoted ? form : string.Join(' ', form.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
