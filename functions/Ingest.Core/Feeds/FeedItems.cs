namespace Ingest.Core.Feeds;

/// <summary>Rules every format's parser applies to its items.</summary>
internal static class FeedItems
{
    /// <summary>Keeps the first <see cref="FeedParserOptions.MaxItems"/>; a feed with more is told so.</summary>
    public static IEnumerable<T> Take<T>(IReadOnlyCollection<T> items, FeedParserOptions options, List<string> warnings)
    {
        if (items.Count > options.MaxItems)
        {
            warnings.Add($"feed has {items.Count} items; kept the first {options.MaxItems}");
        }

        return items.Take(options.MaxItems);
    }

    public static List<string> Distinct(IEnumerable<string?> values) =>
        values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>A language tag as BCP 47 writes it: <c>en_US</c>, a POSIX locale name that feeds often carry, becomes <c>en-US</c>.</summary>
    public static string? Language(string? tag) =>
        string.IsNullOrWhiteSpace(tag) ? null : tag.Trim().Replace('_', '-');
}
