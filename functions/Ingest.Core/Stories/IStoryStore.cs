namespace Ingest.Core.Stories;

/// <summary>
/// Stories and the keys they are found by, in storage. Keys are written all or none, each only if unchanged since it
/// was read, so of two polls founding a story under one key, one wins and the other looks again.
/// </summary>
public interface IStoryStore
{
    /// <summary>The stored keys among <paramref name="keys"/>; keys never written are left out.</summary>
    Task<IReadOnlyList<StoryKey>> FindKeysAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken);

    /// <summary>Writes the keys all or none: a key with no ETag is added, one with an ETag replaced if unchanged; false when any changed meanwhile.</summary>
    Task<bool> TryWriteKeysAsync(IReadOnlyList<StoryKey> keys, CancellationToken cancellationToken);

    Task<Story?> GetAsync(string partition, string id, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts a story without an ETag, or replaces the stored version; the story as stored (with its new ETag), or
    /// null when it exists already or changed since it was read.
    /// </summary>
    Task<Story?> TrySaveAsync(Story story, CancellationToken cancellationToken);

    /// <summary>Stories Ingest founded since <paramref name="since"/>, newest first.</summary>
    Task<IReadOnlyList<Story>> ListAsync(DateTimeOffset since, CancellationToken cancellationToken);
}
