namespace Ingest.Core.Deliveries;

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
