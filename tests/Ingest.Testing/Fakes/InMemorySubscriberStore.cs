using Ingest.Core.Model;
using Ingest.Core.Subscriptions;

namespace Ingest.Testing.Fakes;

/// <summary>
/// <see cref="ISubscriberStore"/> in memory, with the table's optimistic concurrency: every write gives the row a new
/// version (<see cref="Subscriber.ETag"/>), and a conditional write succeeds only against the version it read.
/// </summary>
public sealed class InMemorySubscriberStore : ISubscriberStore, IWatchList
{
    private readonly Dictionary<string, Subscriber> _subscribers = new(StringComparer.Ordinal);
    private readonly Dictionary<long, int> _confirmationsPerHour = [];
    private readonly Lock _lock = new();

    public Task<Subscriber?> GetAsync(string subscriberId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_subscribers.GetValueOrDefault(subscriberId));
        }
    }

    public Task<IReadOnlyList<string>> ListWatchesAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<string>>([.. _subscribers.Values.Where(s => s.Status == SubscriberStatus.Active).SelectMany(s => s.Watches ?? [])]);
        }
    }

    public Task SaveAsync(Subscriber subscriber, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _subscribers[subscriber.Id] = subscriber with { ETag = Versions.Next() };
        }

        return Task.CompletedTask;
    }

    public Task<bool> TrySaveAsync(Subscriber subscriber, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var stored = _subscribers.GetValueOrDefault(subscriber.Id);
            if (stored?.ETag != subscriber.ETag)
            {
                return Task.FromResult(false);
            }

            _subscribers[subscriber.Id] = subscriber with { ETag = Versions.Next() };
            return Task.FromResult(true);
        }
    }

    public Task<bool> TryCountConfirmationAsync(DateTimeOffset now, int perHour, CancellationToken cancellationToken)
    {
        var hour = now.ToUnixTimeSeconds() / 3600;
        lock (_lock)
        {
            var count = _confirmationsPerHour.GetValueOrDefault(hour);
            if (count >= perHour)
            {
                return Task.FromResult(false);
            }

            _confirmationsPerHour[hour] = count + 1;
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<Subscriber>> ListAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<Subscriber>>([.. _subscribers.Values.OrderBy(s => s.Id, StringComparer.Ordinal)]);
        }
    }
}
