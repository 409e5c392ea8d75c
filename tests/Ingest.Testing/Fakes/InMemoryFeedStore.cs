using Ingest.Core.Model;
using Ingest.Core.Polling;

namespace Ingest.Testing.Fakes;

/// <summary>
/// <see cref="IFeedStore"/> in memory, with the <c>Feeds</c> table's merge rules: each writer changes only the fields
/// it owns, a write to a feed not stored yet creates it, and what a row cannot hold (an empty title, no next poll)
/// reads back as absent, and every write gives the row a new version, which a lease must match. The contract suite runs
/// the same tests against this and the table.
/// </summary>
public sealed class InMemoryFeedStore : IFeedStore
{
    private readonly Dictionary<string, FeedRecord> _feeds = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private long _version;

    public Task<IReadOnlyList<FeedRecord>> ListAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<FeedRecord>>([.. _feeds.Values.Select(f => f with { ItemKeys = null })]);
        }
    }

    public Task<IReadOnlyList<FeedRecord>> ListSchedulesAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<FeedRecord>>([.. _feeds.Values.Select(f => f.Schedule())]);
        }
    }

    public Task<FeedRecord?> GetAsync(string feedId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_feeds.GetValueOrDefault(feedId));
        }
    }

    public Task<bool> AddIfMissingAsync(FeedRecord feed, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_feeds.TryAdd(feed.Id, new FeedRecord(feed.Id, feed.Url, Empty(feed.Title), Empty(feed.Language), feed.FullText, feed.Enabled, RowVersion: NextVersion())));
        }
    }

    public async Task<IReadOnlyList<string>> AddMissingAsync(IReadOnlyList<FeedRecord> feeds, CancellationToken cancellationToken)
    {
        var added = new List<string>();
        foreach (var feed in feeds)
        {
            if (await AddIfMissingAsync(feed, cancellationToken).ConfigureAwait(false))
            {
                added.Add(feed.Id);
            }
        }

        return added;
    }

    public Task SaveCatalogAsync(FeedRecord feed, CancellationToken cancellationToken) =>
        Merge(feed.Id, f => f with { Title = Empty(feed.Title), Language = Empty(feed.Language), FullText = feed.FullText });

    public Task SetEnabledAsync(string feedId, bool enabled, string status, CancellationToken cancellationToken) =>
        Merge(feedId, f => f with { Enabled = enabled, LastStatus = Empty(status) });

    public Task<IReadOnlyList<string>> LeaseAsync(IReadOnlyList<FeedLease> leases, CancellationToken cancellationToken)
    {
        var leased = new List<string>();
        lock (_lock)
        {
            foreach (var lease in leases.Where(l => l.RowVersion is null || l.RowVersion == _feeds.GetValueOrDefault(l.FeedId)?.RowVersion))
            {
                Merge(lease.FeedId, f => f with { NextPollAt = lease.Until == DateTimeOffset.MaxValue ? null : lease.Until });
                leased.Add(lease.FeedId);
            }
        }

        return Task.FromResult<IReadOnlyList<string>>(leased);
    }

    public Task SavePollStateAsync(FeedRecord feed, CancellationToken cancellationToken) =>
        Merge(feed.Id, f => f with
        {
            Url = feed.Url,
            Enabled = feed.Enabled,
            ETag = Empty(feed.ETag),
            LastModified = feed.LastModified,
            LastPolledAt = feed.LastPolledAt,
            NextPollAt = feed.NextPollAt,
            LastStatus = Empty(feed.LastStatus),
            ConsecutiveFailures = feed.ConsecutiveFailures,
            LastError = Empty(Clip(feed.LastError, 1000)),
            ArticleCount = feed.ArticleCount,
            ItemKeys = feed.ItemKeys is { Count: > 0 } keys ? [.. keys] : null,
            Arrivals = feed.Arrivals is { Entries.Count: > 0 } arrivals ? arrivals : null,
            Texts = feed.Texts is { Items.Count: > 0 } texts ? texts : null,
            LastNewArticleAt = feed.LastNewArticleAt ?? f.LastNewArticleAt,
            VerifiedAt = feed.VerifiedAt ?? f.VerifiedAt,
            Title = string.IsNullOrEmpty(feed.Title) ? f.Title : Clip(feed.Title, 500),
        });

    public Task<bool> SaveUnchangedAsync(UnchangedPoll poll, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_feeds.ContainsKey(poll.FeedId))
            {
                return Task.FromResult(false);
            }

            Merge(poll.FeedId, f => f with
            {
                Url = poll.MovedTo ?? f.Url,
                LastPolledAt = poll.PolledAt,
                NextPollAt = poll.NextPollAt,
                LastStatus = PollStatus.NotModified,
                ConsecutiveFailures = 0,
                LastError = null,
            });
            return Task.FromResult(true);
        }
    }

    private Task Merge(string feedId, Func<FeedRecord, FeedRecord> change)
    {
        lock (_lock)
        {
            _feeds[feedId] = change(_feeds.GetValueOrDefault(feedId) ?? new FeedRecord(feedId, "")) with { RowVersion = NextVersion() };
        }

        return Task.CompletedTask;
    }

    private string NextVersion() => (++_version).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string? Empty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static string? Clip(string? text, int max) => text is null || text.Length <= max ? text : text[..(max - 1)] + "…";
}
