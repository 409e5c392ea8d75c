using Ingest.Core.Polling;

namespace Ingest.Core.Digests;

/// <summary>The <c>Hits</c> table, read by topic and publication time.</summary>
public interface IHitReader
{
    Task<IReadOnlyList<StoredHit>> ReadAsync(IReadOnlyList<string> topics, DateTimeOffset start, DateTimeOffset end, double minScore, CancellationToken cancellationToken);

    /// <summary>Hits Ingest found since <paramref name="since"/>, whenever their articles were published (what the dashboard charts).</summary>
    Task<IReadOnlyList<StoredHit>> ReadFoundSinceAsync(IReadOnlyList<string> topics, DateTimeOffset since, CancellationToken cancellationToken);
}

/// <summary>What happened to one subscriber's digest for one period.</summary>
public enum DeliveryStatus
{
    /// <summary>Being sent: if the sender died here, the mail may have gone, so it is never sent again.</summary>
    Sending,
    Sent,
    /// <summary>Nothing matched: no mail, and nothing to retry.</summary>
    Empty,
    /// <summary>The SMTP server refused or was away; the next try sends.</summary>
    Failed,
}

/// <param name="Version">The stored row's version (ETag), for claiming it against a concurrent sender.</param>
/// <param name="Attempts">How many times sending has failed; with <paramref name="FirstFailedAt"/>, what the retry policy reads.</param>
public sealed record Delivery(
    string SubscriberId,
    string PeriodId,
    DeliveryStatus Status,
    DateTimeOffset UpdatedAt,
    int HitCount = 0,
    string? MessageId = null,
    string? Error = null,
    string? Version = null,
    int Attempts = 0,
    DateTimeOffset? FirstFailedAt = null);

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
}

/// <summary>The <c>digests</c> queue.</summary>
public interface IDigestQueue
{
    Task EnqueueAsync(DigestPeriod period, CancellationToken cancellationToken);
}
