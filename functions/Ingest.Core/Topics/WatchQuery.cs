using System.Security.Cryptography;
using System.Text;

namespace Ingest.Core.Topics;

/// <summary>
/// A subscriber's own watch, as they wrote it: words and <c>"quoted phrases"</c> that must all appear,
/// <c>-exclusions</c> that must not, <c>a NEAR b</c> (or <c>NEAR/n</c>) pairs that must stand within a few words,
/// and optional limits <c>lang:sr,hr</c> and <c>site:example.com</c>. Words are folded like the topic model's
/// (<c>Vučić</c>, <c>Vucic</c> and <c>Вучић</c> are one word; a name is read with its case endings) and a word
/// ending in <c>*</c> matches any word starting with it. Watches that mean the same share one <see cref="Id"/>,
/// whoever wrote them and in which script, so the matcher looks for each only once.
/// </summary>
public sealed record WatchQuery(
    string Text,
    IReadOnlyList<string> Required,
    IReadOnlyList<string> Excluded,
    IReadOnlyList<WatchNear> Near,
    IReadOnlyList<string> Languages,
    IReadOnlyList<string> Sites)
{
    /// <summary>The longest watch read, in characters.</summary>
    public const int MaxLength = 200;

    /// <summary>The most words, phrases, exclusions and near pairs one watch holds.</summary>
    public const int MaxClauses = 8;

    /// <summary>Words a <c>NEAR</c> pair may stand apart when the watch does not say (<c>NEAR/n</c>).</summary>
    public const int DefaultNearWindow = 10;

    public const int MaxNearWindow = 50;

    /// <summary>What every hit of this watch is stored under: <c>w-</c> and 16 hex digits of what the watch means.</summary>
    public string Id { get; } = IdOf(Required, Excluded, Near, Languages, Sites);

    /// <summary>Whether <paramref name="id"/> names a watch rather than a topic of the model.</summary>
    public static bool IsWatchId(string id) => id.StartsWith("w-", StringComparison.Ordinal);

    /// <summary>Whether an article in <paramref name="language"/> (a BCP 47 tag, or null) at <paramref name="host"/> is one this watch reads.</summary>
    public bool Admits(string? language, string? host) => Admits(Languages, language, IsLanguage) && Admits(Sites, host, IsSite);

    /// <summary>Reads a watch; a <see cref="WatchQueryException"/> says what is wrong, without repeating the watch.</summary>
    public static WatchQuery Parse(string text) => WatchQueryParser.Parse(text);

    public static bool TryParse(string text, out WatchQuery? query, out string? error)
    {
        try
        {
            (query, error) = (Parse(text), null);
            return true;
        }
        catch (WatchQueryException e)
        {
            (query, error) = (null, e.Message);
            return false;
        }
    }

    /// <summary>The watches among <paramref name="texts"/> that read, by id (a text that no longer reads is passed over).</summary>
    public static IReadOnlyList<WatchQuery> ParseAll(IEnumerable<string>? texts) =>
        [.. (texts ?? []).Select(t => TryParse(t, out var q, out _) ? q : null).OfType<WatchQuery>().DistinctBy(q => q.Id)];

    /// <summary>True without limits; otherwise whether a known value meets one of them (a loop: this runs for every watch an article touches).</summary>
    private static bool Admits(IReadOnlyList<string> limits, string? value, Func<string, string, bool> meets)
    {
        if (limits.Count == 0)
        {
            return true;
        }

        for (var i = 0; value is not null && i < limits.Count; i++)
        {
            if (meets(value, limits[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsLanguage(string language, string wanted) =>
        language.Equals(wanted, StringComparison.OrdinalIgnoreCase)
        || (language.Length > wanted.Length && language[wanted.Length] == '-' && language.StartsWith(wanted, StringComparison.OrdinalIgnoreCase));

    private static bool IsSite(string host, string site) =>
        host.Equals(site, StringComparison.OrdinalIgnoreCase)
        || (host.Length > site.Length && host[^(site.Length + 1)] == '.' && host.EndsWith(site, StringComparison.OrdinalIgnoreCase));

    private static string IdOf(IReadOnlyList<string> required, IReadOnlyList<string> excluded, IReadOnlyList<WatchNear> near, IReadOnlyList<string> languages, IReadOnlyList<string> sites)
    {
        static string Fold(string form) => TextNormalizer.Normalize(form) + (form.EndsWith('*') ? "*" : "");
        static string Sorted(IEnumerable<string> parts) => string.Join('|', parts.Order(StringComparer.Ordinal));
        var meaning = string.Join(
            '\n',
            Sorted(required.Select(Fold)),
            Sorted(excluded.Select(Fold)),
            Sorted(near.Select(n => string.Join('~', new[] { Fold(n.A), Fold(n.B) }.Order(StringComparer.Ordinal)) + "/" + n.Window)),
            Sorted(languages.Select(l => l.ToLowerInvariant())),
            Sorted(sites.Select(s => s.ToLowerInvariant())));
        return "w-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(meaning)))[..16];
    }
}

/// <summary>Forms <see cref="A"/> and <see cref="B"/> within <see cref="Window"/> words of each other, in either order.</summary>
public sealed record WatchNear(string A, string B, int Window);
