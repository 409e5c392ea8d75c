namespace Ingest.Core.Stories;

/// <summary>A story a key leads to, and when the key was written for it (a key of a story not stored yet that is older than a few seconds was left by a founding that failed).</summary>
public sealed record StoryRef(string Id, string Partition, DateTimeOffset At);

/// <summary>
/// A key new reports look stories up by — a band of a copy signature, or one of an event's names and numbers — and
/// the stories that hold it, newest first, at most <see cref="MaxStories"/>. <see cref="ETag"/> is null for a key
/// not stored yet.
/// </summary>
public sealed record StoryKey(string Key, IReadOnlyList<StoryRef> Stories, string? ETag)
{
    public const int MaxStories = 8;
}
