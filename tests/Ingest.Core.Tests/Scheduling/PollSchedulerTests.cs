using Ingest.Core.Fetching;
using Ingest.Core.Scheduling;

namespace Ingest.Core.Tests.Scheduling;

public sealed class PollSchedulerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private static readonly PollPolicy Policy = new();

    [Fact]
    public void A_healthy_feed_waits_the_normal_interval()
    {
        Assert.Equal(Now.AddMinutes(10), Next(Result(FetchStatus.Ok), failures: 0));
        Assert.Equal(Now.AddMinutes(10), Next(Result(FetchStatus.NotModified), failures: 0));
    }

    [Fact]
    public void Ttl_and_max_age_push_the_next_poll_back_but_never_past_a_day()
    {
        Assert.Equal(Now.AddMinutes(60), Next(Result(FetchStatus.Ok), 0, ttl: TimeSpan.FromMinutes(60)));
        Assert.Equal(Now.AddMinutes(45), Next(Result(FetchStatus.Ok) with { MaxAge = TimeSpan.FromMinutes(45) }, 0, ttl: TimeSpan.FromMinutes(30)));
        Assert.Equal(Now.AddMinutes(10), Next(Result(FetchStatus.Ok), 0, ttl: TimeSpan.FromMinutes(1)));
        Assert.Equal(Now.AddHours(24), Next(Result(FetchStatus.Ok), 0, ttl: TimeSpan.FromDays(7)));
    }

    [Fact]
    public void Failures_back_off_exponentially_within_the_jitter_and_never_past_a_day()
    {
        var random = new Random(42);
        for (var failures = 1; failures <= 12; failures++)
        {
            var expected = Math.Min(10 * Math.Pow(2, failures - 1), 24 * 60);
            var wait = (PollScheduler.NextPoll(Now, Result(FetchStatus.Failed), failures, null, Policy, random)!.Value - Now).TotalMinutes;

            Assert.InRange(wait, Math.Min(expected * 0.8, 24 * 60), Math.Min(expected * 1.2, 24 * 60));
        }
    }

    [Fact]
    public void Jitter_spreads_feeds_that_failed_together()
    {
        var random = new Random(7);

        var waits = Enumerable.Range(0, 20).Select(_ => PollScheduler.NextPoll(Now, Result(FetchStatus.Failed), 3, null, Policy, random)).Distinct().Count();

        Assert.True(waits > 15, $"{waits} distinct waits out of 20");
    }

    [Fact]
    public void Retry_after_is_honoured_when_longer_than_the_backoff()
    {
        var result = Result(FetchStatus.RetryLater) with { RetryAfter = TimeSpan.FromHours(3) };

        Assert.Equal(Now.AddHours(3), Next(result, failures: 1));
    }

    [Fact]
    public void A_gone_feed_is_not_polled_again()
    {
        Assert.Null(Next(Result(FetchStatus.Gone), failures: 1));
    }

    private static DateTimeOffset? Next(FetchResult result, int failures, TimeSpan? ttl = null) =>
        PollScheduler.NextPoll(Now, result, failures, ttl, Policy, new Random(1));

    private static FetchResult Result(FetchStatus status) => new(status, new Uri("https://x.test/feed"), new Uri("https://x.test/feed"));
}
