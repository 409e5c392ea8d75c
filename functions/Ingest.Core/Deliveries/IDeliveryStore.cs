namespace Ingest.Core.Deliveries;

/// <summary>The <c>Deliveries</c> table: the record that makes "never twice" hold across retries and crashes.</summary>
public interface IDeliveryStore
{
    Task<Delivery?> GetAsync(string subscriberId, string periodId, CancellationToken cancellationToken);

    Task SaveAsync(Delivery delivery, CancellationToken cancellationToken);

    /// <summary>
    /// Writes <paramref name="claim"/> only if the row is still <paramref name="previous"/> (absent when null):
    /// of two senders of one period at the same moment, exactly one gets true.
    /// </summary>
    Task<bool> TryClaimAsync(Delivery claim, Delivery? previous, CancellationToken cancellationToken);

    /// <summary>Deliveries that changed since <paramref name="since"/>, of every recipient (what the status counts).</summary>
    Task<IReadOnlyList<Delivery>> ListUpdatedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>The one recipient's delivery that changed last (what a push endpoint's preferences line says), or null.</summary>
    Task<Delivery?> LatestOfAsync(string recipient, CancellationToken cancellationToken);

    /// <summary>Deliveries whose last try failed, whenever that was.</summary>
    Task<IReadOnlyList<Delivery>> ListFailedAsync(CancellationToken cancellationToken);
}
