using Ingest.Core.Deliveries;
using Ingest.Core.Model;

namespace Ingest.Core.Tests.Deliveries;

/// <summary>Digests fall due at the subscriber's local hour, across daylight-saving changes, once per period.</summary>
public sealed class DigestScheduleTests
{
    private static readonly Subscriber Daily = new("s1", "a@example.org", SubscriberStatus.Active, ["kfor"], Frequency.Daily, 7, "Europe/Belgrade", DayOfWeek.Monday, null, DateTimeOffset.UnixEpoch);

    /// <summary>Every hourly run of ScheduleDigests (at minute 5, UTC) over a span, each looking back to the one before, and the periods it would queue.</summary>
    private static List<(DateTimeOffset At, DigestPeriod Period)> Runs(Subscriber subscriber, DateTimeOffset from, int hours) =>
        Enumerable.Range(0, hours)
            .Select(h => from.AddHours(h).AddMinutes(5))
            .Select(at => (at, DigestSchedule.Due(subscriber, at.AddHours(-1), at)))
            .Where(r => r.Item2 is not null)
            .Select(r => (r.at, r.Item2!))
            .ToList();

    [Fact]
    public void A_daily_digest_is_due_at_seven_Belgrade_time_in_summer_and_in_winter_once_a_day()
    {
        // Summer time ends in Belgrade on 25 October 2026 (03:00 CEST → 02:00 CET).
        var runs = Runs(Daily, new DateTimeOffset(2026, 10, 23, 0, 0, 0, TimeSpan.Zero), 24 * 5);
        var periods = runs.Select(r => r.Period).ToList();

        Assert.Equal(["d-2026-10-23", "d-2026-10-24", "d-2026-10-25", "d-2026-10-26", "d-2026-10-27"], periods.Select(p => p.Id));
        // 07:00 CEST is 05:00 UTC; 07:00 CET is 06:00 UTC.
        Assert.Equal(new DateTimeOffset(2026, 10, 24, 5, 0, 0, TimeSpan.Zero), periods[1].End);
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 6, 0, 0, TimeSpan.Zero), periods[2].End);
        // The day of the change is 25 hours long, and periods join without gap or overlap.
        Assert.Equal(TimeSpan.FromHours(25), periods[2].End - periods[2].Start);
        Assert.All(periods.Zip(periods.Skip(1)), pair => Assert.Equal(pair.First.End, pair.Second.Start));
        // Exactly one run queues each period: the first after its moment.
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 6, 5, 0, TimeSpan.Zero), Assert.Single(runs, r => r.Period.Id == "d-2026-10-25").At);
    }

    [Fact]
    public void The_next_digest_is_the_period_being_gathered_now_the_one_the_next_run_will_queue()
    {
        var evening = new DateTimeOffset(2026, 12, 2, 20, 0, 0, TimeSpan.Zero);
        var next = DigestSchedule.Next(Daily, evening);
        var weekly = DigestSchedule.Next(Daily with { Frequency = Frequency.Weekly, Weekday = DayOfWeek.Friday }, evening);

        // 07:00 in Belgrade is 06:00 UTC in December: the digest gathering since this morning goes out tomorrow.
        Assert.Equal(("d-2026-12-03", new DateTimeOffset(2026, 12, 2, 6, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 3, 6, 0, 0, TimeSpan.Zero)), (next.Id, next.Start, next.End));
        Assert.Equal(next, Runs(Daily, evening, 24).Single().Period);
        Assert.Equal(("w-2026-12-04", new DateTimeOffset(2026, 11, 27, 6, 0, 0, TimeSpan.Zero)), (weekly.Id, weekly.Start));
    }

    [Fact]
    public void The_spring_change_makes_a_23_hour_day()
    {
        // Summer time starts on 29 March 2026 (02:00 CET → 03:00 CEST).
        var periods = Runs(Daily, new DateTimeOffset(2026, 3, 28, 0, 0, 0, TimeSpan.Zero), 48).Select(r => r.Period).ToList();

        Assert.Equal(["d-2026-03-28", "d-2026-03-29"], periods.Select(p => p.Id));
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 5, 0, 0, TimeSpan.Zero), periods[1].End);
        Assert.Equal(TimeSpan.FromHours(23), periods[1].End - periods[1].Start);
    }

    [Fact]
    public void An_hour_that_does_not_exist_on_the_change_day_moves_to_the_next_one()
    {
        var atTwo = Daily with { Hour = 2 };

        var run = new DateTimeOffset(2026, 3, 29, 1, 5, 0, TimeSpan.Zero);
        var period = DigestSchedule.Due(atTwo, run.AddHours(-1), run);

        // 02:00 local does not exist that night; 03:00 CEST (01:00 UTC) is when the digest goes.
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), period?.End);
    }

    [Fact]
    public void A_weekly_digest_is_due_on_its_weekday_only_and_covers_seven_days()
    {
        var weekly = Daily with { Frequency = Frequency.Weekly, Weekday = DayOfWeek.Monday, TimeZone = "America/New_York", Hour = 8 };

        var periods = Runs(weekly, new DateTimeOffset(2026, 10, 26, 0, 0, 0, TimeSpan.Zero), 24 * 14).Select(r => r.Period).ToList();

        // New York leaves summer time on 1 November 2026: 08:00 is 12:00 UTC before and 13:00 UTC after.
        Assert.Equal(["w-2026-10-26", "w-2026-11-02"], periods.Select(p => p.Id));
        Assert.Equal(new DateTimeOffset(2026, 10, 26, 12, 0, 0, TimeSpan.Zero), periods[0].End);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 13, 0, 0, TimeSpan.Zero), periods[1].End);
        Assert.Equal(TimeSpan.FromHours(7 * 24 + 1), periods[1].End - periods[1].Start);
    }

    [Fact]
    public void A_run_after_an_outage_catches_up_what_fell_due_while_the_host_was_down()
    {
        var lastRun = new DateTimeOffset(2026, 11, 22, 4, 5, 0, TimeSpan.Zero);
        var afterOutage = lastRun.AddHours(5);

        Assert.Equal("d-2026-11-22", DigestSchedule.Due(Daily, lastRun, afterOutage)?.Id);
        Assert.Null(DigestSchedule.Due(Daily, afterOutage, afterOutage.AddHours(1)));
    }

    [Theory]
    [InlineData(SubscriberStatus.Pending, Frequency.Daily)]
    [InlineData(SubscriberStatus.Unsubscribed, Frequency.Daily)]
    [InlineData(SubscriberStatus.Active, Frequency.Immediate)]
    public void Only_active_daily_and_weekly_subscribers_get_digests(SubscriberStatus status, Frequency frequency)
    {
        var subscriber = Daily with { Status = status, Frequency = frequency };

        Assert.Empty(Runs(subscriber, new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero), 48));
    }
}
