using Ingest.Core.Deliveries;

namespace Ingest.Testing.Fakes;

/// <summary>
/// <see cref="IDeliveryStore"/> in memory: a delivery per recipient and period, a new version (<see cref="Delivery.Version"/>)
/// on every write, and claims that succeed only against the row as it was read (absent, or that version).
/// </summary>
public sealed class InMemoryDeliveryStore : IDeliveryStore
{
    private readonly Dictionary<(string Recipient, string Period), Delivery> _deliveries = [];
    private readonly Lock _lock = new();

    public IReadOnlyList<Delivery> All
    {
        get
        {
            lock (_lock)
            {
                return [.. _deliveries.Values];
            }
        }
    }

    public Task<Delivery?> GetAsync(string subscriberId, string periodId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_deliveries.GetValueOrDefault((subscriberId, periodId)));
        }
    }

    public Task SaveAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _deliveries[(delivery.SubscriberId, delivery.PeriodId)] = delivery with { Version = Versions.Next() };
        }

        return Task.CompletedTask;
    }

    public Task<bool> TryClaimAsync(Delivery claim, Delivery? previous, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var key = (claim.SubscriberId, claim.PeriodId);
            if (_deliveries.GetValueOrDefault(key)?.Version != previous?.Version)
            {
                return Task.FromResult(false);
            }

            _deliveries[key] = claim with { Version = Versions.Next() };
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<Delivery>> ListUpdatedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken) => Where(d => d.UpdatedAt >= since);

    public async Task<Delivery?> LatestOfAsync(string recipient, CancellationToken cancellationToken) =>
        (await Where(d => d.SubscriberId == recipient)).MaxBy(d => d.UpdatedAt);

    public Task<IReadOnlyList<Delivery>> ListFailedAsync(CancellationToken cancellationToken) => Where(d => d.Status == DeliveryStatus.Failed);

    private Task<IReadOnlyList<Delivery>> Where(Func<Delivery, bool> keep)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<Delivery>>([.. _deliveries.Values.Where(keep)]);
        }
    }
}
