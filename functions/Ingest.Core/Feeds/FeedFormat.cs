namespace Ingest.Core.Feeds;

public enum FeedFormat
{
    Rss20,
    Rss10,

    /// <summary>Netscape's RSS 0.90: RDF like RSS 1.0, in a namespace of its own.</summary>
    Rss090,

    /// <summary>RSS 0.91 to 0.94, the simple lineage that led to 2.0.</summary>
    Rss09x,
    Atom10,
    Atom03,
    Json1x,
}

public static class FeedFormatNames
{
    /// <summary>The names the <c>ingest feeds parse</c> contract prints.</summary>
    public static string ToContractName(this FeedFormat format) => format switch
    {
        FeedFormat.Rss20 => "rss2.0",
        FeedFormat.Rss10 => "rss1.0",
        FeedFormat.Rss090 => "rss0.90",
        FeedFormat.Rss09x => "rss0.9x",
        FeedFormat.Atom10 => "atom1.0",
        FeedFormat.Atom03 => "atom0.3",
        FeedFormat.Json1x => "json1.x",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };
}
