namespace Ingest.Core.Model;

/// <summary>The <c>Hits</c> table, read by topic and publication time.</summary>
public interface IHitReader
{
    Task<IReadOnlyList<StoredHit>> ReadAsync(IReadOnlyList<string> topics, DateTimeOffset start, DateTimeOffset until, double minScore, CancellationToken cancellationToken);

    /// <summary>Hits Ingest found since <paramref name="since"/>, whenever their articles were published (what the dashboard charts).</summary>
    Task<IReadOnlyList<StoredHit>> ReadFoundSinceAsync(IReadOnlyList<string> topics, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>How many hits of <paramref name="topic"/> Ingest found since <paramref name="since"/> (what the status counts).</summary>
    Task<int> CountFoundSinceAsync(string topic, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>The topic's newest hit by publication, whenever that was; null when it has none.</summary>
    Task<LatestHit?> LatestAsync(string topic, CancellationToken cancellationToken);
}
