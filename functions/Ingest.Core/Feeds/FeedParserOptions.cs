namespace Ingest.Core.Feeds;

/// <summary>Limits that keep a hostile or broken feed from costing more than a normal one.</summary>
public sealed record FeedParserOptions
{
    public static FeedParserOptions Default { get; } = new();

    /// <summary>Characters of decoded text; matches the fetcher's default 15 MiB cap for one-byte text.</summary>
    public int MaxDocumentChars { get; init; } = 15 * 1024 * 1024;

    /// <summary>Items beyond this are dropped with a warning.</summary>
    public int MaxItems { get; init; } = 5_000;

    /// <summary>Element nesting beyond this is refused: real feeds stay under 20.</summary>
    public int MaxDepth { get; init; } = 64;
}
