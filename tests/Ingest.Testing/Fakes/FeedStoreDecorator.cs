using Ingest.Core.Model;
using Ingest.Core.Polling;

namespace Ingest.Testing.Fakes;

/// <summary>
/// An <see cref="IFeedStore"/> that hands every call to another: a test overrides only the call it changes (a list
/// that waits for a second dispatcher, a row that must not be read).
/// </summary>
public abstract class FeedStoreDecorator(IFeedStore inner) : IFeedStore
{
    public virtual Task<IReadOnlyList<FeedRecord>> ListAsync(CancellationToken cancellationToken) => inner.ListAsync(cancellationToken);

    public virtual Task<IReadOnlyList<FeedRecord>> ListSchedulesAsync(CancellationToken cancellationToken) => inner.ListSchedulesAsync(cancellationToken);

    public virtual Task<FeedRecord?> GetAsync(string feedId, CancellationToken cancellationToken) => inner.GetAsync(feedId, cancellationToken);

    public virtual Task<bool> AddIfMissingAsync(FeedRecord feed, CancellationToken cancellationToken) => inner.AddIfMissingAsync(feed, cancellationToken);

    public virtual Task<IReadOnlyList<string>> AddMissingAsync(IReadOnlyList<FeedRecord> feeds, CancellationToken cancellationToken) => inner.AddMissingAsync(feeds, cancellationToken);

    public virtual Task SaveCatalogAsync(FeedRecord feed, CancellationToken cancellationToken) => inner.SaveCatalogAsync(feed, cancellationToken);

    public virtual Task SetEnabledAsync(string feedId, bool enabled, string status, CancellationToken cancellationToken) => inner.SetEnabledAsync(feedId, enabled, status, cancellationToken);

    public virtual Task<IReadOnlyList<string>> LeaseAsync(IReadOnlyList<FeedLease> leases, CancellationToken cancellationToken) => inner.LeaseAsync(leases, cancellationToken);

    public virtual Task SavePollStateAsync(FeedRecord feed, CancellationToken cancellationToken) => inner.SavePollStateAsync(feed, cancellationToken);

    public virtual Task<bool> SaveUnchangedAsync(UnchangedPoll poll, CancellationToken cancellationToken) => inner.SaveUnchangedAsync(poll, cancellationToken);
}
