namespace Ingest.Core.Publishing;

/// <summary>One hit as the read API gives it: an article that matched one topic or watch, and why.</summary>
public sealed record ApiHit(
    string Topic,
    string Title,
    string Url,
    string Source,
    DateTimeOffset PublishedAt,
    DateTimeOffset? FoundAt,
    string? Language,
    double Score,
    IReadOnlyList<string> Matched,
    string? Snippet,
    string? StoryId);

/// <summary>One report of a story.</summary>
public sealed record ApiReport(string Title, string Url, string Source, DateTimeOffset PublishedAt, string? Language);

/// <summary>One event as the read API gives it: its best report, the topics it matched and every report in the window.</summary>
public sealed record ApiStory(
    string Id,
    string Title,
    string Url,
    IReadOnlyList<string> Topics,
    DateTimeOffset FirstPublishedAt,
    DateTimeOffset LastPublishedAt,
    IReadOnlyList<string> Sources,
    IReadOnlyList<string> Languages,
    IReadOnlyList<ApiReport> Reports);

/// <summary>A page of hits, newest first; <see cref="Next"/> is the cursor of the page after it, null on the last.</summary>
public sealed record ApiHitPage(IReadOnlyList<ApiHit> Items, string? Next);

/// <summary>A page of stories, the most recently reported first; <see cref="Next"/> as for hits.</summary>
public sealed record ApiStoryPage(IReadOnlyList<ApiStory> Items, string? Next);

/// <summary>Why a request was refused: a sentence, and for a 400 each refused parameter with why.</summary>
public sealed record ApiError(string Error, IReadOnlyDictionary<string, string>? Parameters = null);
