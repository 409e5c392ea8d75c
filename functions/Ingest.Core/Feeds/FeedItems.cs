namespace Ingest.Core.Feeds;

/// <summary>Rules every format's parser applies to its items.</summary>
internal static class FeedItems
{
    /// <summary>Keeps the first <see cref="FeedParserOptions.MaxItems"/>; a feed with more is told so.</summary>
    public static IEnumerable<T> Take<T>(IReadOnlyCollection<T> items, FeedParserOptions options, List<string> warnings)
    {
        WarnIfOverLimit(items.Count, options, warnings);
        return items.Take(options.MaxItems);
    }

    public static void WarnIfOverLimit(int count, FeedParserOptions options, List<string> warnings)
    {
        if (count > options.MaxItems)
        {
            warnings.Add($"feed has {count} items; kept the first {options.MaxItems}");
        }
    }

    /// <summary>The non-blank values, trimmed, each once (ignoring case), in their order.</summary>
    public static IReadOnlyList<string> Distinct(IEnumerable<string?> values)
    {
        List<string>? distinct = null;
        foreach (var value in values)
        {
            AddDistinct(ref distinct, value);
        }

        return distinct ?? (IReadOnlyList<string>)[];
    }

    /// <summary>
    /// The most authors, categories or enclosures one item keeps. Real items have a handful; each addition scans
    /// its list, so a hostile item with a million tags would cost a million squared without the cap.
    /// </summary>
    public const int MaxPerItem = 100;

    /// <summary>
    /// Adds <paramref name="value"/> trimmed unless blank, already there (ignoring case) or past <see cref="MaxPerItem"/>.
    /// Item lists are short: a scan beats a set.
    /// </summary>
    public static void AddDistinct(ref List<string>? list, string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || list?.Count >= MaxPerItem)
        {
            return;
        }

        var trimmed = value.Trim();
        list ??= new List<string>(1);
        foreach (var existing in list)
        {
            if (string.Equals(existing, trimmed, StringComparison.OrdinalIgnoreCase))
            {
                return;
            }
        }

        list.Add(trimmed);
    }

    /// <summary>A language tag as BCP 47 writes it: <c>en_US</c>, a POSIX locale name that feeds often carry, becomes <c>en-US</c>.</summary>
    public static string? Language(string? tag) =>
        string.IsNullOrWhiteSpace(tag) ? null : tag.Trim().Replace('_', '-');
}
