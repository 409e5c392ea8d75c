namespace Ingest.Core.Stories;

/// <summary>
/// <see cref="IStoryStore"/> in memory, for clustering a file of reports offline (<c>ingest stories cluster</c>) and
/// for fast tests: stories and their keys, keys written all or none, a new version on every write, and writes that
/// fail against a version that changed — what the table does.
/// </summary>
public sealed class InMemoryStoryStore : IStoryStore
{
    private readonly Dictionary<string, StoryKey> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Partition, string Id), Story> _stories = [];
    private readonly Lock _lock = new();
    private long _version;

    public Task<IReadOnlyList<StoryKey>> FindKeysAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<StoryKey>>([.. keys.Distinct(StringComparer.Ordinal).Select(k => _keys.GetValueOrDefault(k)).OfType<StoryKey>()]);
        }
    }

    public Task<bool> TryWriteKeysAsync(IReadOnlyList<StoryKey> keys, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (keys.Any(k => _keys.GetValueOrDefault(k.Key)?.ETag != k.ETag))
            {
                return Task.FromResult(false);
            }

            foreach (var key in keys)
            {
                _keys[key.Key] = key with { ETag = NextVersion() };
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

            var stored = story with { ETag = NextVersion() };
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

    private string NextVersion() => $"v{++_version}";
}
