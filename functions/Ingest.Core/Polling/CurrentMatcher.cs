using Ingest.Core.Model;
using Ingest.Core.Topics;

namespace Ingest.Core.Polling;

/// <summary>
/// The topic model compiled with the watches subscribers have now. The list is read at most once a
/// <see cref="RefreshInterval"/>, and the matcher compiled again only when the set of watches changed, so a
/// new watch is looked for within a minute and a poll pays for neither. Safe to share between threads.
/// </summary>
public sealed class CurrentMatcher : IDisposable
{
    /// <summary>How long a read of the watch list is used before it is read again.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(1);

    /// <summary>How long the last matcher stands in when the list cannot be read, before polls fail and are retried.</summary>
    public static readonly TimeSpan StaleLimit = TimeSpan.FromMinutes(15);

    private readonly TopicMatcher _topics;
    private readonly IWatchList? _watches;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private Compiled _current;

    /// <param name="watches">Where watches come from; null for the topics alone.</param>
    public CurrentMatcher(TopicMatcher topics, IWatchList? watches = null, TimeProvider? time = null)
    {
        (_topics, _watches, _time) = (topics, watches, time ?? TimeProvider.System);
        _current = new Compiled(topics, new HashSet<string>(), null, null);
    }

    public async ValueTask<TopicMatcher> GetAsync(CancellationToken cancellationToken)
    {
        if (_watches is null || IsFresh(Volatile.Read(ref _current)))
        {
            return Volatile.Read(ref _current).Matcher;
        }

        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = _current;
            if (IsFresh(current))
            {
                return current.Matcher;
            }

            var now = _time.GetUtcNow();
            IReadOnlyList<string> texts;
            try
            {
                texts = await _watches.ListWatchesAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (current.ReadAt is { } read && now - read < StaleLimit && !cancellationToken.IsCancellationRequested)
            {
                // Keep the last list a while, asking again after the interval: a short outage of one table need not stop polling.
                Volatile.Write(ref _current, current with { TriedAt = now });
                return current.Matcher;
            }

            var watches = WatchQuery.ParseAll(texts);
            var ids = watches.Select(w => w.Id).ToHashSet(StringComparer.Ordinal);
            var matcher = ids.SetEquals(current.Ids) ? current.Matcher : new TopicMatcher(_topics.Model, watches);
            Volatile.Write(ref _current, new Compiled(matcher, ids, now, now));
            return matcher;
        }
        finally
        {
            _refresh.Release();
        }
    }

    public void Dispose() => _refresh.Dispose();

    private bool IsFresh(Compiled compiled) => compiled.TriedAt is { } tried && _time.GetUtcNow() - tried < RefreshInterval;

    /// <param name="ReadAt">When the list was last read; <paramref name="TriedAt"/>, when a read was last tried.</param>
    private sealed record Compiled(TopicMatcher Matcher, IReadOnlySet<string> Ids, DateTimeOffset? ReadAt, DateTimeOffset? TriedAt);
}
