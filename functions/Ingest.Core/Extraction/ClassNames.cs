namespace Ingest.Core.Extraction;

/// <summary>
/// What a node's class, id and role names say about it. Plain substring checks over the lower-cased names: the
/// regexes these replace went quadratic on one long hyphenated class attribute.
/// </summary>
internal static class ClassNames
{
    private static readonly string[] Unlikely =
    [
        "share", "social", "comment", "related", "promo", "advert", "banner", "newsletter", "cookie", "footer", "sidebar",
        "menu", "breadcrumb", "widget", "subscribe", "popup", "modal", "sponsor", "masthead", "navbar", "tags",
        "author-bio", "recommend", "most-read", "trending", "byline", "dateline", "author",
    ];

    private static readonly string[] Likely =
    [
        "article", "entry", "post-body", "post-content", "story", "main-content", "content-body", "text-body", "body-text",
        "tekst", "clanak", "sadrzaj", "lajm", "permbajtja",
    ];

    /// <summary>Names that mark widgets, not text: "ad" or "ads" as a whole word or a hyphenated part, or any of <see cref="Unlikely"/>.</summary>
    public static bool IsUnlikely(string names)
    {
        var lower = names.ToLowerInvariant();
        return ContainsAny(lower, Unlikely) || HasPart(lower, "ad") || HasPart(lower, "ads");
    }

    public static bool IsLikely(string names) => ContainsAny(names.ToLowerInvariant(), Likely);

    private static bool ContainsAny(string names, string[] words)
    {
        foreach (var word in words)
        {
            if (names.Contains(word, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="part"/> stands in the names with no letter or digit on either side.</summary>
    private static bool HasPart(string names, string part)
    {
        for (var at = names.IndexOf(part, StringComparison.Ordinal); at >= 0; at = names.IndexOf(part, at + 1, StringComparison.Ordinal))
        {
            var end = at + part.Length;
            if ((at == 0 || !char.IsLetterOrDigit(names[at - 1])) && (end == names.Length || !char.IsLetterOrDigit(names[end])))
            {
                return true;
            }
        }

        return false;
    }
}
