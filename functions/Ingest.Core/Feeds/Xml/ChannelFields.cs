namespace Ingest.Core.Feeds.Xml;

/// <summary>The feed-level values as they arrive; Dublin Core ones stand in for missing core elements.</summary>
internal sealed class ChannelFields(FeedParserOptions options)
{
    public string? Title { get; set; }

    public string? Link { get; set; }

    /// <summary>An <c>atom:link</c> in an RSS channel: the site link when there is no link element.</summary>
    public string? AlternateLink { get; set; }

    public string? Description { get; set; }

    public string? Language { get; set; }

    public TimeSpan? TimeToLive { get; set; }

    public string? DcTitle { get; set; }

    public string? DcDescription { get; set; }

    public string? DcLanguage { get; set; }

    /// <summary>The <c>xml:lang</c> of the root element: the language when no element names one.</summary>
    public string? RootLanguage { get; set; }

    private readonly List<FeedItem> _items = [];
    private int _itemsSeen;

    /// <summary>Counts one more item; false once the item limit is reached, so the item is passed over unread.</summary>
    public bool MakeRoomForItem() => ++_itemsSeen <= options.MaxItems;

    /// <summary>The zero-based position of the item last made room for, for warnings.</summary>
    public int ItemIndex => _itemsSeen - 1;

    public void Add(FeedItem item) => _items.Add(item);

    public Feed ToFeed(FeedFormat format, List<string> warnings)
    {
        FeedItems.WarnIfOverLimit(_itemsSeen, options, warnings);

        return new Feed(
            format,
            Title ?? DcTitle,
            Link ?? AlternateLink,
            Description ?? DcDescription,
            FeedItems.Language(Language ?? DcLanguage ?? RootLanguage),
            _items,
            warnings,
            TimeToLive);
    }
}
