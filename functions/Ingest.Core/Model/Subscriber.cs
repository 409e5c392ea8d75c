using System.Text.Json.Serialization;
using Ingest.Core.Topics;

namespace Ingest.Core.Model;

public enum Frequency
{
    Immediate,
    Daily,
    Weekly,

    /// <summary>One mail when a followed topic suddenly has many new stories (a spike), at most one per topic per <see cref="Breaking.Cooldown"/>.</summary>
    Breaking,
}

/// <summary>What a breaking-news subscription promises, shown on its pages and kept by the mail that delivers it.</summary>
public static class Breaking
{
    /// <summary>At most one breaking mail per topic in each block of this length.</summary>
    public static readonly TimeSpan Cooldown = TimeSpan.FromHours(4);
}

public enum SubscriberStatus
{
    Pending,
    Active,
    Unsubscribed,
}

/// <summary>
/// One person's subscription: what they follow and how often, in their own time zone. <see cref="MinScore"/>
/// null means every hit; "only the best" is stored as a high floor. <see cref="LinkGeneration"/> is named in every link
/// made for them (confirm, unsubscribe, preferences, private feed): a new generation ends every earlier link, as a new
/// feed address, "sign out all links" and a new subscription of the same address do. <see cref="ETag"/> is the stored row's version
/// (null for one not stored yet), for writes that must not overwrite a concurrent one. <see cref="Watches"/> are their own
/// watches as they wrote them (<see cref="WatchQuery"/>), followed beside or instead of topics. <see cref="Endpoints"/>
/// are where their mails are also pushed (webhooks, Slack, Teams).
/// </summary>
public sealed record Subscriber(
    string Id,
    string Email,
    SubscriberStatus Status,
    IReadOnlyList<string> Topics,
    Frequency Frequency,
    int Hour,
    string TimeZone,
    DayOfWeek Weekday,
    double? MinScore,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ConfirmedAt = null,
    DateTimeOffset? ConfirmationSentAt = null,
    DateTimeOffset? UnsubscribedAt = null,
    [property: JsonIgnore] string? ETag = null,
    int LinkGeneration = 0,
    IReadOnlyList<string>? Watches = null,
    IReadOnlyList<PushEndpoint>? Endpoints = null) : IQueueMessage
{
    /// <summary>The most watches one subscriber keeps.</summary>
    public const int MaxWatches = 10;

    /// <summary>Their watches that read, each once.</summary>
    [JsonIgnore]
    public IReadOnlyList<WatchQuery> WatchQueries => WatchQuery.ParseAll(Watches);

    /// <summary>
    /// Which hits they are sent: their topics' at or above their floor, and every hit of their watches, which are
    /// their own words rather than the model's guess and so have no score to filter by.
    /// </summary>
    public Func<StoredHit, bool> Wants()
    {
        var watches = WatchQueries.Select(w => w.Id).ToHashSet(StringComparer.Ordinal);
        var floor = MinScore ?? 0;
        return hit => watches.Contains(hit.TopicId) || (Topics.Contains(hit.TopicId) && hit.Score >= floor);
    }

    /// <summary>As a <c>subscription-requests</c> message.</summary>
    public string? Lacks() => Id is { Length: > 0 } && Email is { Length: > 0 } && Topics is not null && TimeZone is not null
        ? null
        : "a subscription-requests message needs an id, an address, topics and a time zone";
}
