using Ingest.Core.Model;
using Ingest.Core.Monitoring;

namespace Ingest.Core.Tests.Monitoring;

public sealed class FreshnessTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static FreshnessFacts Fresh() => new(Now, null, 10, 0, Now.AddMinutes(-5), Now.AddMinutes(-30), new Dictionary<string, int> { ["feed-polls-poison"] = 0 }, 0, Now.AddMinutes(-40));

    [Fact]
    public void Fresh_polls_new_articles_and_empty_poison_queues_are_healthy()
    {
        var report = Freshness.Evaluate(Fresh());

        Assert.Equal("healthy", report.Status);
        Assert.Empty(report.Reasons);
    }

    [Theory]
    [InlineData(2, "healthy")]
    [InlineData(3, "degraded")]
    public void More_than_a_fifth_of_feeds_failing_is_degraded(int failing, string expected) =>
        Assert.Equal(expected, Freshness.Evaluate(Fresh() with { FailingFeeds = failing }).Status);

    [Fact]
    public void Six_hours_without_a_new_article_is_degraded_and_says_since_when()
    {
        var report = Freshness.Evaluate(Fresh() with { LastNewArticleAt = Now.AddHours(-6).AddMinutes(-1) });

        Assert.Equal("degraded", report.Status);
        Assert.Equal("no new article since 2026-11-23 05:59 UTC (more than 6 h)", Assert.Single(report.Reasons));
    }

    [Fact]
    public void Failed_deliveries_and_a_stopped_digest_schedule_are_degraded()
    {
        var report = Freshness.Evaluate(Fresh() with { FailedDeliveriesLastDay = 2, LastDigestScheduleRun = Now.AddHours(-3) });

        Assert.Equal("degraded", report.Status);
        Assert.Equal(2, report.Reasons.Count);
    }

    [Fact]
    public void Poison_messages_or_unreachable_storage_are_unhealthy_and_listed_before_lesser_reasons()
    {
        var report = Freshness.Evaluate(Fresh() with { FailingFeeds = 9, PoisonDepths = new Dictionary<string, int> { ["digests-poison"] = 2 } });
        var down = Freshness.Evaluate(new FreshnessFacts(Now, "connection refused", 0, 0, null, null, new Dictionary<string, int>(), 0, null));

        Assert.True(report.IsUnhealthy);
        Assert.StartsWith("2 message(s) in digests-poison", report.Reasons[0]);
        Assert.Contains("9 of 10 feeds", report.Reasons[1]);
        Assert.Equal(["storage is unreachable: connection refused"], down.Reasons);
    }

    [Fact]
    public void Feeds_never_polled_are_degraded_but_no_feeds_at_all_is_not()
    {
        Assert.Equal(["no feed has been polled yet"], Freshness.Evaluate(Fresh() with { LastPolledAt = null, LastNewArticleAt = null }).Reasons);
        Assert.Equal("healthy", Freshness.Evaluate(Fresh() with { EnabledFeeds = 0, LastPolledAt = null, LastNewArticleAt = null }).Status);
    }

    [Fact]
    public void The_arrival_log_counts_the_last_day_forgets_older_polls_and_survives_a_round_trip()
    {
        var log = ArrivalLog.Empty.Add(Now.AddHours(-30), 5).Add(Now.AddHours(-2), 3).Add(Now.AddHours(-1), 0).Add(Now, 2);

        Assert.Equal(5, log.CountSince(Now.AddDays(-1)));
        Assert.Equal(2, log.Entries.Count);
        Assert.Equal(log.Entries, ArrivalLog.Parse(log.ToString()).Entries);
        Assert.Empty(ArrivalLog.Parse("garbage 12:x :3").Entries);
    }
}
