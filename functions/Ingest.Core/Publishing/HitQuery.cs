using System.Globalization;
using Ingest.Core.Topics;

namespace Ingest.Core.Publishing;

/// <summary>
/// What a read API request asks for: topics and watches (null: all the caller may read), a publication window,
/// language, source, words that must all appear in a title or snippet (folded like the matcher: script, case and
/// diacritics do not matter), and a page.
/// </summary>
public sealed record HitQuery(
    IReadOnlyList<string>? Topics,
    IReadOnlyList<string>? Watches,
    DateTimeOffset Since,
    DateTimeOffset Until,
    string? Language,
    string? Source,
    IReadOnlyList<string> Words,
    int Limit,
    ApiCursor? After)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(7);
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(31);

    public static IReadOnlyList<ApiParameter> Parameters { get; } =
    [
        new("topic", "A topic id (GET /api/topics); repeat or separate with commas for several. Default: every topic the caller may read."),
        new("watch", "One of the subscriber's watches, as they wrote it or by its id (w-…); repeat for several."),
        new("since", "Published at or after this time (ISO 8601). Default: 7 days before until; at most 31 days before it.", Format: "date-time"),
        new("until", "Published before this time (ISO 8601). Default: now.", Format: "date-time"),
        new("language", "A language tag such as sr or en; sr also takes sr-Latn and sr-Cyrl."),
        new("source", "A feed id (GET /api/feeds.opml lists the feeds)."),
        new("q", "Words that must all appear in the title or snippet, in any script or case; word* takes any ending."),
        new("limit", "Items per page.", "integer", Minimum: 1, Maximum: MaxLimit),
        new("cursor", "The next page: the next value of the previous page."),
    ];

    /// <returns>The query, or each refused parameter with why.</returns>
    public static (HitQuery? Query, IReadOnlyDictionary<string, string> Errors) Read(Func<string, IReadOnlyList<string>> values, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var until = Time(values, "until", errors) ?? now;
        var since = Time(values, "since", errors) ?? until - DefaultWindow;
        if (since >= until)
        {
            errors["since"] = "must be before until";
        }
        else if (until - since > MaxWindow)
        {
            errors["since"] = $"may be at most {MaxWindow.TotalDays:0} days before until";
        }

        var limit = DefaultLimit;
        if (One(values, "limit") is { } limitText && !(int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit is >= 1 and <= MaxLimit))
        {
            errors["limit"] = $"must be a whole number from 1 to {MaxLimit}";
        }

        var after = One(values, "cursor") is { } cursorText ? ApiCursor.Parse(cursorText) : null;
        if (after is null && One(values, "cursor") is not null)
        {
            errors["cursor"] = "is not one this API gave; start again without it";
        }

        var words = One(values, "q") is { } q ? q.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Fold).Where(w => w.Length > 0).ToList() : [];
        if (words.Count > 8 || (One(values, "q")?.Length ?? 0) > 200)
        {
            errors["q"] = "at most 8 words and 200 characters";
        }

        var topics = List(values, "topic");
        var watches = List(values, "watch");
        return errors.Count > 0
            ? (null, errors)
            : (new HitQuery(topics.Count > 0 ? topics : null, watches.Count > 0 ? watches : null, since, until, One(values, "language"), One(values, "source"), words, limit, after), errors);
    }

    /// <summary>Whether every word is in the folded text, a <c>word*</c> at the start of one of its words.</summary>
    public bool HasWords(string foldedText) => Words.All(w => w.EndsWith('*')
        ? foldedText.Contains(" " + w[..^1], StringComparison.Ordinal)
        : foldedText.Contains(" " + w + " ", StringComparison.Ordinal));

    /// <summary>A title and snippet as <see cref="HasWords"/> reads them: folded, with a space at each end.</summary>
    public static string FoldText(string? title, string? snippet) => $" {TextNormalizer.Normalize($"{title} {snippet}")} ";

    private static string Fold(string word) => TextNormalizer.Normalize(word.TrimEnd('*')) is { Length: > 0 } folded ? folded + (word.EndsWith('*') ? "*" : "") : "";

    private static string? One(Func<string, IReadOnlyList<string>> values, string name) =>
        values(name).LastOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();

    private static List<string> List(Func<string, IReadOnlyList<string>> values, string name) =>
        [.. values(name).SelectMany(v => name == "watch" ? [v] : v.Split(',')).Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal)];

    private static DateTimeOffset? Time(Func<string, IReadOnlyList<string>> values, string name, Dictionary<string, string> errors)
    {
        if (One(values, name) is not { } text)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return at.ToUniversalTime();
        }

        errors[name] = "must be a time such as 2026-12-01T00:00:00Z";
        return null;
    }
}
