using System.Text.Json.Serialization;
using Ingest.Core.Model;

namespace Ingest.Core.Stories;

/// <summary>
/// A topic's burst of new stories: when it started and ended (null while it lasts), its peak hour's count against the
/// baseline, the stories that made it, and whether breaking subscribers have been sent for. <see cref="ETag"/> is the
/// stored row's version (null before it is stored).
/// </summary>
public sealed record Spike(
    string TopicId,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    int Peak,
    double Mean,
    double Threshold,
    IReadOnlyList<string> StoryIds,
    bool Notified = false,
    [property: JsonIgnore] string? ETag = null) : IQueueMessage
{
    public string? Lacks() => TopicId is { Length: > 0 } && StoryIds is not null ? null : "a breaking message needs topicId, startedAt and storyIds";

    public string Id => $"{TopicId}-{StartedAt.UtcDateTime:yyyyMMdd'T'HHmm}";

    public bool IsOpen => EndedAt is null;
}

/// <summary>Spikes in storage, newest first per topic.</summary>
public interface ISpikeStore
{
    /// <summary>The topic's spike that has not ended, if any.</summary>
    Task<Spike?> GetOpenAsync(string topicId, CancellationToken cancellationToken);

    /// <summary>Inserts a spike without an ETag (false when it exists), or replaces the stored version (false when it changed).</summary>
    Task<bool> TrySaveAsync(Spike spike, CancellationToken cancellationToken);

    /// <summary>Spikes that started since <paramref name="since"/> on the given topics, newest first.</summary>
    Task<IReadOnlyList<Spike>> ListAsync(IReadOnlyList<string> topicIds, DateTimeOffset since, CancellationToken cancellationToken);
}
