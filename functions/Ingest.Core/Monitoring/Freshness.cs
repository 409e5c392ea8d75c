namespace Ingest.Core.Monitoring;

/// <summary>What the freshness rules look at, gathered by the status reader.</summary>
/// <param name="StorageError">Why storage did not answer; null when it did.</param>
/// <param name="LastPolledAt">The most recent poll of any feed.</param>
/// <param name="LastNewArticleAt">The most recent poll of any feed that brought a new article.</param>
/// <param name="PoisonDepths">Messages in each poison queue, by queue name.</param>
public sealed record FreshnessFacts(
    DateTimeOffset Now,
    string? StorageError,
    int EnabledFeeds,
    int FailingFeeds,
    DateTimeOffset? LastPolledAt,
    DateTimeOffset? LastNewArticleAt,
    IReadOnlyDictionary<string, int> PoisonDepths,
    int FailedDeliveriesLastDay,
    DateTimeOffset? LastDigestScheduleRun);

/// <summary>The overall state and every reason for it, worst first.</summary>
public sealed record FreshnessReport(string Status, IReadOnlyList<string> Reasons)
{
    public const string Healthy = "healthy";
    public const string Degraded = "degraded";
    public const string Unhealthy = "unhealthy";

    public bool IsUnhealthy => Status == Unhealthy;

    /// <summary>The status as a number that grows with the trouble (0 healthy, 1 degraded, 2 unhealthy): what the metric and its alert compare.</summary>
    public int Level => Status switch
    {
        Unhealthy => 2,
        Degraded => 1,
        _ => 0,
    };
}

/// <summary>
/// The rules behind <c>/api/status</c>'s <c>freshness</c> (README, "Monitoring"). Unhealthy means nothing new
/// can be trusted to arrive or be delivered without an operator: storage does not answer, or messages sit in a
/// poison queue after failing every retry. Degraded means Ingest works but readers may be missing news.
/// </summary>
public static class Freshness
{
    /// <summary>More than this share of enabled feeds failing their last poll is degraded.</summary>
    public const double FailingFeedShare = 0.2;

    /// <summary>No new article from any feed for this long is degraded: news never stops for six hours.</summary>
    public static readonly TimeSpan ArticleSilence = TimeSpan.FromHours(6);

    /// <summary>The digest timer runs hourly; two hours without a run means it stopped.</summary>
    public static readonly TimeSpan DigestScheduleSilence = TimeSpan.FromHours(2);

    public static FreshnessReport Evaluate(FreshnessFacts facts)
    {
        var unhealthy = new List<string>();
        var degraded = new List<string>();
        if (facts.StorageError is { } error)
        {
            unhealthy.Add($"storage is unreachable: {error}");
        }

        foreach (var (queue, depth) in facts.PoisonDepths.Where(p => p.Value > 0).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            unhealthy.Add($"{depth} message(s) in {queue} failed every retry and wait for an operator");
        }

        if (facts.EnabledFeeds > 0 && facts.FailingFeeds > facts.EnabledFeeds * FailingFeedShare)
        {
            degraded.Add($"{facts.FailingFeeds} of {facts.EnabledFeeds} feeds failed their last poll (more than {FailingFeedShare * 100:0}%)");
        }

        if (facts.StorageError is null && facts.EnabledFeeds > 0)
        {
            if (facts.LastPolledAt is null)
            {
                degraded.Add("no feed has been polled yet");
            }
            else if (facts.LastNewArticleAt is not { } lastNew || facts.Now - lastNew > ArticleSilence)
            {
                degraded.Add(facts.LastNewArticleAt is { } at
                    ? $"no new article since {at:yyyy-MM-dd HH:mm} UTC (more than {ArticleSilence.TotalHours:0} h)"
                    : "no feed has brought a new article yet");
            }
        }

        if (facts.FailedDeliveriesLastDay > 0)
        {
            degraded.Add($"{facts.FailedDeliveriesLastDay} digest or alert deliveries failed in the last 24 h");
        }

        if (facts.LastDigestScheduleRun is { } lastRun && facts.Now - lastRun > DigestScheduleSilence)
        {
            degraded.Add($"the digest schedule last ran at {lastRun:yyyy-MM-dd HH:mm} UTC (more than {DigestScheduleSilence.TotalHours:0} h ago)");
        }

        var status = unhealthy.Count > 0 ? FreshnessReport.Unhealthy : degraded.Count > 0 ? FreshnessReport.Degraded : FreshnessReport.Healthy;
        return new FreshnessReport(status, [.. unhealthy, .. degraded]);
    }
}
