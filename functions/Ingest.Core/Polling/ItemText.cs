namespace Ingest.Core.Polling;

/// <summary>What a feed's text for an item is: the article, or a stub of it (see <see cref="StubText.Judge"/>).</summary>
public enum ItemText
{
    /// <summary>Long enough to be the article, or its fair summary.</summary>
    Full,

    /// <summary>Shorter than <see cref="StubText.MinLength"/>: a teaser, unless the feed is known to write short items.</summary>
    Brief,

    /// <summary>Says it is cut (an ellipsis, "[…]", "Read more"), or is empty or only the title again.</summary>
    Cut,
}
