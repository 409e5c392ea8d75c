namespace Ingest.Core.Extraction;

/// <summary>What an article page says about itself, and its main text with the page furniture removed.</summary>
/// <param name="Warnings">What kept the page from being read as usual (too deep, too slow); empty when nothing did.</param>
public sealed record ExtractedArticle(
    string? Title,
    string Text,
    string? CanonicalUrl,
    DateTimeOffset? PublishedAt,
    string? Language,
    IReadOnlyList<string>? Warnings = null);
