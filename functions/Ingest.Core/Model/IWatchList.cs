namespace Ingest.Core.Model;

/// <summary>Every watch someone is subscribed with (<see cref="Subscriber.Watches"/>), for the matcher to look for.</summary>
public interface IWatchList
{
    /// <summary>The watches of active subscribers, as written; the same text may come more than once.</summary>
    Task<IReadOnlyList<string>> ListWatchesAsync(CancellationToken cancellationToken);
}
