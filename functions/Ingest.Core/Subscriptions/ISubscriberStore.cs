namespace Ingest.Core.Subscriptions;

/// <summary>The <c>Subscribers</c> table.</summary>
public interface ISubscriberStore
{
    Task<Subscriber?> GetAsync(string subscriberId, CancellationToken cancellationToken);

    Task SaveAsync(Subscriber subscriber, CancellationToken cancellationToken);

    Task<IReadOnlyList<Subscriber>> ListAsync(CancellationToken cancellationToken);
}
