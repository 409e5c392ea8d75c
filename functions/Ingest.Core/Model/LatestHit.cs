namespace Ingest.Core.Model;

/// <summary>A topic's newest hit by publication, as the status document names it.</summary>
public sealed record LatestHit(string Title, string Url, DateTimeOffset PublishedAt);
