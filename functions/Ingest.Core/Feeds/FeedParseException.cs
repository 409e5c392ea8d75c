namespace Ingest.Core.Feeds;

public enum FeedParseFailure
{
    /// <summary>The input is not a feed of any format Ingest reads.</summary>
    NotAFeed,

    /// <summary>The input tries something dangerous (DTDs, entity expansion) and was refused.</summary>
    Unsafe,

    /// <summary>The input exceeds a limit (size, items, nesting).</summary>
    TooLarge,

    /// <summary>The input is so broken that nothing could be recovered.</summary>
    Malformed,
}

/// <summary>A feed that cannot be read; <see cref="Exception.Message"/> is one line a person can act on.</summary>
public sealed class FeedParseException(FeedParseFailure failure, string message, Exception? inner = null) : Exception(message, inner)
{
    public FeedParseFailure Failure { get; } = failure;
}
