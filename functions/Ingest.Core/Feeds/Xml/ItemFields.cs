namespace Ingest.Core.Feeds.Xml;

/// <summary>
/// An item as its elements arrive, in any order. Dublin Core values are kept apart and used only where the
/// format's own element is missing, so a feed that has both is read by its own element. A date element written
/// twice counts by its last readable value, as the readers that feeds are written for overwrite it.
/// </summary>
internal sealed class ItemFields
{
    public string? Id { get; set; }

    public string? Title { get; set; }

    public string? Link { get; set; }

    /// <summary>An <c>atom:link</c> in an RSS item: used when there is no link element.</summary>
    public string? FallbackLink { get; set; }

    /// <summary>A guid that is a permalink, with the base in scope where it stood: the link of last resort, resolved only when needed.</summary>
    public (string Guid, Uri? Base)? Permalink { get; set; }

    public DateTimeOffset? Published { get; set; }

    public DateTimeOffset? Updated { get; set; }

    public string? Summary { get; set; }

    public string? Content { get; set; }

    private List<string>? _authors;
    private List<string>? _categories;
    private List<FeedEnclosure>? _enclosures;
    private string? _summaryElement;

    public string? DcIdentifier { get; set; }

    public string? DcTitle { get; set; }

    public string? DcDescription { get; set; }

    public DateTimeOffset? DcPublished { get; set; }

    public DateTimeOffset? DcModified { get; set; }

    /// <summary>The summary, or, when another element gave the summary first, the content (unless the item has one).</summary>
    public void OfferSummary(string element, string? html)
    {
        if (Summary is null)
        {
            (Summary, _summaryElement) = (html, element);
        }
        else if (element != _summaryElement)
        {
            Content ??= html;
        }
    }

    public void AddAuthor(string? name) => FeedItems.AddDistinct(ref _authors, PersonName.Of(name));

    public void AddCategory(string? name) => FeedItems.AddDistinct(ref _categories, name);

    public void AddEnclosure(string? url, string? mediaType, string? length)
    {
        if (url is null || _enclosures?.Count >= FeedItems.MaxPerItem || (_enclosures?.Exists(e => e.Url == url) ?? false))
        {
            return;
        }

        (_enclosures ??= []).Add(new FeedEnclosure(
            url,
            string.IsNullOrWhiteSpace(mediaType) ? null : mediaType.Trim(),
            long.TryParse(length, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var bytes) ? bytes : null));
    }

    public FeedItem ToItem()
    {
        var link = Link ?? FallbackLink ?? (Permalink is var (guid, baseUri) ? FeedXml.Url(guid, baseUri) : null);
        return new FeedItem(
            Id ?? DcIdentifier ?? link,
            Title ?? DcTitle,
            link,
            Published ?? DcPublished,
            Updated ?? DcModified,
            Summary ?? DcDescription,
            Content,
            _authors ?? (IReadOnlyList<string>)[],
            _categories ?? (IReadOnlyList<string>)[],
            _enclosures ?? (IReadOnlyList<FeedEnclosure>)[]);
    }
}
