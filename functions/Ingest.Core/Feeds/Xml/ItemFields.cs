using Ingest.Core.Text;

namespace Ingest.Core.Feeds.Xml;

/// <summary>
/// An item as its elements arrive, in any order. Dublin Core values are kept apart and used only where the
/// format's own element is missing, so a feed that has both is read by its own element.
/// </summary>
internal sealed class ItemFields
{
    public string? Id { get; set; }

    public string? Title { get; set; }

    public string? Link { get; set; }

    /// <summary>An <c>atom:link</c> in an RSS item, or a permalink guid: used when there is no link element.</summary>
    public string? FallbackLink { get; set; }

    public DateTimeOffset? Published { get; set; }

    public DateTimeOffset? Updated { get; set; }

    public string? Summary { get; set; }

    public string? Content { get; set; }

    public List<string?> Authors { get; } = [];

    public List<string?> Categories { get; } = [];

    public List<FeedEnclosure> Enclosures { get; } = [];

    public string? DcTitle { get; set; }

    public string? DcDescription { get; set; }

    public DateTimeOffset? DcPublished { get; set; }

    public DateTimeOffset? DcModified { get; set; }

    public void AddEnclosure(string? url, string? mediaType, string? length)
    {
        if (url is null || Enclosures.Exists(e => e.Url == url))
        {
            return;
        }

        Enclosures.Add(new FeedEnclosure(
            url,
            string.IsNullOrWhiteSpace(mediaType) ? null : mediaType.Trim(),
            long.TryParse(length, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var bytes) ? bytes : null));
    }

    public FeedItem ToItem()
    {
        var link = Link ?? FallbackLink;
        return new FeedItem(
            Id ?? link,
            Title ?? DcTitle,
            link,
            Published ?? DcPublished,
            Updated ?? DcModified,
            Summary ?? DcDescription,
            Content,
            FeedItems.Distinct(Authors),
            FeedItems.Distinct(Categories),
            Enclosures);
    }
}
