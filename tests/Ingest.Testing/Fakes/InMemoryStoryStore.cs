using Ingest.Core.Stories;

namespace Ingest.Testing.Fakes;

/// <summary>
/// <see cref="IStoryStore"/> in memory: stories and the band keys claimed for them, claims taken all or none, a new
/// version on every write, and writes that fail against a version that changed.
/// </summary>
public sealed class InMemoryStoryStore : IStoryStore
{
    private readonly Dictionary<string, StoryClaim> _claims = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Partition, string Id), Story> _stories = [];
    private readonly Lock _lock = new();

    public Task<IReadOnlyList<StoryClaim>> FindClaimsAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<StoryClaim>>([.. keys.Distinct(StringComparer.Ordinal).Select(k => _claims.GetValueOrDefault(k)).OfType<StoryClaim>()]);
        }
    }

    public Task<bool> TryReserveKeysAsync(IReadOnlyList<string> free, IReadOnlyList<StoryClaim> stale, Story story, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (free.Any(_claims.ContainsKey) || stale.Any(c => _claims.GetValueOrDefault(c.Key)?.ETag != c.ETag))
            {
                return Task.FromResult(false);
            }

            foreach (var key in free.Concat(stale.Select(c => c.Key)))
            {
                _claims[key] = new StoryClaim(key, story.Id, story.Partition, at, Versions.Next());
            }

            return Task.FromResult(true);
        }
    }

    public Task<Story?> GetAsync(string partition, string id, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_stories.GetValueOrDefault((partition, id)));
        }
    }

    public Task<Story?> TrySaveAsync(Story story, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var key = (story.Partition, story.Id);
            if (_stories.GetValueOrDefault(key)?.ETag != story.ETag)
            {
                return Task.FromResult<Story?>(null);
            }

            var stored = story with { ETag = Versions.Next() };
            _stories[key] = stored;
            return Task.FromResult<Story?>(stored);
        }
    }

    public Task<IReadOnlyList<Story>> ListAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<Story>>([.. _stories.Values.Where(s => s.FoundAt >= since).OrderByDescending(s => s.LastSeen)]);
        }
    }
}
