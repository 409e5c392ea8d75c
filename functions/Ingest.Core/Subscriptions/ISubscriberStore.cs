using Ingest.Core.Model;
namespace Ingest.Core.Subscriptions;

/// <summary>The <c>Subscribers</c> table.</summary>
public interface ISubscriberStore
{
    Task<Subscriber?> GetAsync(string subscriberId, CancellationToken cancellationToken);

    Task SaveAsync(Subscriber subscriber, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the subscriber only if the row is still as it was read (<see cref="Subscriber.ETag"/>; no row at all when
    /// null). False when another writer got there first: of concurrent claims exactly one wins.
    /// </summary>
    Task<bool> TrySaveAsync(Subscriber subscriber, CancellationToken cancellationToken);

    /// <summary>Counts one confirmation mail in the hour of <paramref name="now"/>; false when <paramref name="perHour"/> are counted already.</summary>
    Task<bool> TryCountConfirmationAsync(DateTimeOffset now, int perHour, CancellationToken cancellationToken);

    Task<IReadOnlyList<Subscriber>> ListAsync(CancellationToken cancellationToken);
}
