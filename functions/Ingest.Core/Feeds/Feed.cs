namespace Ingest.Core.Feeds;

/// <summary>
/// A feed of any format, in one normalised shape. <see cref="Warnings"/> lists what was recovered or guessed;
/// <see cref="TimeToLive"/> is how long the publisher asks readers to wait between polls (RSS <c>ttl</c>).
/// </summary>
public sealed record Feed(
    FeedFormat Format,
    string? Title,
    string? Link,
    string? Description,
    string? Language,
    IReadOnlyList<FeedItem> Items,
    IReadOnlyList<string> Warnings,
    TimeSpan? TimeToLive = null);

/// <summary>
/// One entry. <see cref="Title"/> is plain text. <see cref="Summary"/> and <see cref="Content"/> are what the feed
/// meant: HTML, except where an Atom construct says it is text, which is given as that text and never escaped again
/// (see <see cref="Text.HtmlText"/> for the text to match). Fields are trimmed, but for HTML written as one block
/// of more than 4 K characters, which keeps the whitespace around it rather than be copied to drop it.
/// Links are absolute.
/// </summary>
public sealed record FeedItem(
    string? Id,
    string? Title,
    string? Link,
    DateTimeOffset? Published,
    DateTimeOffset? Updated,
    string? Summary,
    string? Content,
    IReadOnlyList<string> Authors,
    IReadOnlyList<string> Categories,
    IReadOnlyList<FeedEnclosure> Enclosures);

public sealed record FeedEnclosure(string Url, string? MediaType, long? Length);
