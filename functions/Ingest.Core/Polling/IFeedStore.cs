using Ingest.Core.Model;

namespace Ingest.Core.Polling;

/// <summary>
/// The <c>Feeds</c> table as polling uses it. Each writer merges only the fields it owns, so the catalogue
/// import, the dispatcher's lease and a poll's result never undo one another.
/// </summary>
public interface IFeedStore
{
    /// <summary>
    /// Every feed, without its <see cref="FeedRecord.ItemKeys"/>: only a poll reads them, from its own row, and they are
    /// most of a large feed's row (up to 17,000 characters), which a status report or an import would read for nothing.
    /// </summary>
    Task<IReadOnlyList<FeedRecord>> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Every feed with only what a dispatch reads (<see cref="FeedRecord.Schedule"/>): a tick lists the whole table, and
    /// the rest of a row — item keys, arrival and text logs, up to tens of kilobytes for a large feed — is most of it.
    /// </summary>
    Task<IReadOnlyList<FeedRecord>> ListSchedulesAsync(CancellationToken cancellationToken);

    Task<FeedRecord?> GetAsync(string feedId, CancellationToken cancellationToken);

    /// <summary>Adds a feed that is not stored yet; returns false (and changes nothing) when it is.</summary>
    Task<bool> AddIfMissingAsync(FeedRecord feed, CancellationToken cancellationToken);

    /// <summary>
    /// Adds the feeds not stored yet in as few round trips as the store can (a catalogue is imported at every start);
    /// returns the ids it added. A feed stored meanwhile by someone else is left as it is.
    /// </summary>
    Task<IReadOnlyList<string>> AddMissingAsync(IReadOnlyList<FeedRecord> feeds, CancellationToken cancellationToken);

    /// <summary>Writes the catalogue's fields (title, language, full text) and nothing polling learned.</summary>
    Task SaveCatalogAsync(FeedRecord feed, CancellationToken cancellationToken);

    /// <summary>Turns polling of a feed on or off, recording why in its last status.</summary>
    Task SetEnabledAsync(string feedId, bool enabled, string status, CancellationToken cancellationToken);

    /// <summary>
    /// Keeps each feed from being queued again until its lease ends, while its poll is under way, in as few round trips
    /// as the store can (a tick leases every due feed at once). Returns the ids of the feeds leased: a feed whose row
    /// changed since it was read (another dispatcher leased it, a poll saved its state) is left to the next tick.
    /// </summary>
    Task<IReadOnlyList<string>> LeaseAsync(IReadOnlyList<FeedLease> leases, CancellationToken cancellationToken);

    /// <summary>Writes what a poll learned: address after permanent moves, validators, times, status, item keys.</summary>
    Task SavePollStateAsync(FeedRecord feed, CancellationToken cancellationToken);

    /// <summary>
    /// Writes a poll that found the feed unchanged without its row having been read: the time, the next poll, the
    /// status (failures cleared) and a permanent move, nothing else. False, and nothing written, when the row is gone.
    /// </summary>
    Task<bool> SaveUnchangedAsync(UnchangedPoll poll, CancellationToken cancellationToken);
}
