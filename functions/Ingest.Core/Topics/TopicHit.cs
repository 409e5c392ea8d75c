namespace Ingest.Core.Topics;

/// <summary>A topic an article matched, and why: its score, the terms found, and the passage with the most of them.</summary>
public sealed record TopicHit(
    string TopicId,
    double Score,
    IReadOnlyList<MatchedTerm> Matched,
    string? Snippet,
    IReadOnlyList<TextSpan> SnippetHighlights);

/// <summary>A term (by its first form) or a near rule ("HQ-22 ~ Serbia") and how often it was found.</summary>
public sealed record MatchedTerm(string Term, int Count);

/// <summary>A range of characters in a snippet, for highlighting.</summary>
public readonly record struct TextSpan(int Start, int Length);
