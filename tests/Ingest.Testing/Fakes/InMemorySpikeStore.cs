using Ingest.Core.Stories;

namespace Ingest.Testing.Fakes;

/// <summary>
/// <see cref="ISpikeStore"/> in memory: a spike per topic and start, a new version on every write, inserts that fail
/// when the spike exists and replacements that fail when it changed since it was read.
/// </summary>
public sealed class InMemorySpikeStore : ISpikeStore
{
    private readonly Dictionary<(string Topic, DateTimeOffset StartedAt), Spike> _spikes = [];
    private readonly Lock _lock = new();

    public Task<Spike?> GetOpenAsync(string topicId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            // Only the topic's newest spike can be open: a new one starts after the last has ended.
            var newest = _spikes.Values.Where(s => s.TopicId == topicId).MaxBy(s => s.StartedAt);
            return Task.FromResult(newest is { IsOpen: true } ? newest : null);
        }
    }

    public Task<bool> TrySaveAsync(Spike spike, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var key = (spike.TopicId, spike.StartedAt);
            if (_spikes.GetValueOrDefault(key)?.ETag != spike.ETag)
            {
                return Task.FromResult(false);
            }

            _spikes[key] = spike with { ETag = Versions.Next() };
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<Spike>> ListAsync(IReadOnlyList<string> topicIds, DateTimeOffset since, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<Spike>>([.. _spikes.Values
                .Where(s => topicIds.Contains(s.TopicId) && s.StartedAt >= since)
                .OrderByDescending(s => s.StartedAt)]);
        }
    }
}
