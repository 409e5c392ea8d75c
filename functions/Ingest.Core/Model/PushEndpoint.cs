namespace Ingest.Core.Model;

/// <summary>What a push endpoint expects: Ingest's own signed JSON, a Slack incoming webhook, or a Teams workflow webhook.</summary>
public enum PushKind
{
    Webhook,
    Slack,
    Teams,
}

/// <summary>
/// A place a subscriber's alerts and digests are pushed to beside their mail. A generic webhook's deliveries are signed
/// with <see cref="Secret"/>, shown to the subscriber once when the endpoint is added; a Slack or Teams address is its
/// own secret, so it is never shown again whole (<see cref="Shown"/>).
/// </summary>
public sealed record PushEndpoint(string Id, PushKind Kind, Uri Url, DateTimeOffset AddedAt, string? Secret = null)
{
    /// <summary>The most endpoints one subscriber keeps.</summary>
    public const int MaxPerSubscriber = 3;

    /// <summary>
    /// Whom this endpoint's deliveries are recorded for in <c>Deliveries</c>: apart from the subscriber's mail, so an
    /// endpoint that is away is tried again without the mail being sent twice.
    /// </summary>
    public string RecipientOf(string subscriberId) => $"{subscriberId}~{Id}";

    /// <summary>The address without its path and query, which for Slack and Teams are the key to the channel.</summary>
    public string Shown => $"{Url.Scheme}://{Url.Authority}/…";
}
