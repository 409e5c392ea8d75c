namespace Ingest.Core.Extraction;

/// <summary>What an article page says about itself, and its main text with the page furniture removed.</summary>
public sealed record ExtractedArticle(
    string? Title,
    string Text,
    string? CanonicalUrl,
    DateTimeOffset? PublishedAt,
    string? Language);
