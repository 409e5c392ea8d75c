using Ingest.Core.Fetching;

namespace Ingest.Core.Scheduling;

/// <summary>
/// When to poll a feed next. A healthy feed waits the normal interval, longer if it asks (RSS <c>ttl</c>,
/// <c>Cache-Control: max-age</c>, <c>Retry-After</c>). A failing feed backs off exponentially with jitter up to
/// a day and keeps being tried: a site that is down for a weekend is not dropped. A feed that is gone is not
/// polled again (null).
/// </summary>
public static class PollScheduler
{
    /// <param name="consecutiveFailures">Failures in a row including this fetch's, 0 after a success.</param>
    public static DateTimeOffset? NextPoll(DateTimeOffset now, FetchResult result, int consecutiveFailures, TimeSpan? feedTimeToLive, PollPolicy policy, Random random)
    {
        var wait = result.Status switch
        {
            FetchStatus.Gone => (TimeSpan?)null,
            FetchStatus.Ok or FetchStatus.NotModified => Max(policy.Interval, feedTimeToLive, result.MaxAge),
            FetchStatus.RetryLater => Max(Backoff(consecutiveFailures, policy, random), result.RetryAfter),
            _ => Backoff(consecutiveFailures, policy, random),
        };

        return wait is { } w ? now + (w > policy.MaxWait ? policy.MaxWait : w) : null;
    }

    private static TimeSpan Backoff(int failures, PollPolicy policy, Random random)
    {
        var exponent = Math.Clamp(failures - 1, 0, 30);
        var doubled = policy.Interval.TotalSeconds * Math.Pow(2, exponent);
        var capped = Math.Min(doubled, policy.MaxWait.TotalSeconds);
        var spread = 1 + (((random.NextDouble() * 2) - 1) * policy.Jitter);
        return TimeSpan.FromSeconds(capped * spread);
    }

    private static TimeSpan Max(TimeSpan first, params TimeSpan?[] others) =>
        others.Aggregate(first, (max, next) => next is { } n && n > max ? n : max);
}
