using Ingest.Core.Topics;

namespace Ingest.Core.Model;

/// <summary>An article as stored once: its key (SHA-256 of the canonical URL) and the topics it matched.</summary>
public sealed record StoredArticle(
    string Key,
    string Url,
    string Title,
    DateTimeOffset PublishedAt,
    string FeedId,
    string? Language,
    IReadOnlyList<string> Topics,
    string ContentHash,
    string? StoryId = null);

/// <summary>One matched topic of one article, with the explanation a digest shows, the story the article is filed under, and its language when known.</summary>
public sealed record StoredHit(
    string TopicId,
    string ArticleKey,
    string Title,
    string Url,
    string FeedId,
    DateTimeOffset PublishedAt,
    double Score,
    IReadOnlyList<MatchedTerm> Matched,
    string? Snippet,
    IReadOnlyList<TextSpan>? Highlights = null,
    DateTimeOffset? FoundAt = null,
    string? StoryId = null,
    string? Language = null);
