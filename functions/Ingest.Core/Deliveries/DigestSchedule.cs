using Ingest.Core.Model;

namespace Ingest.Core.Deliveries;

/// <summary>
/// When a subscriber's daily or weekly digest is due: at their hour in their time zone (on their weekday for
/// weekly), whatever daylight saving does. A period runs from the previous such moment to this one, so a day
/// across a DST change is 23 or 25 hours long and no hour is lost or counted twice.
/// </summary>
public static class DigestSchedule
{
    /// <summary>The furthest back a run looks when it does not know when the previous run was (or that was long ago).</summary>
    public static readonly TimeSpan MaxCatchUp = TimeSpan.FromDays(1);

    /// <summary>
    /// The digest whose moment falls in (<paramref name="since"/>, <paramref name="now"/>]: the previous run's time
    /// to this run's. Consecutive runs split time without gap or overlap, so each period is queued by exactly one
    /// run, and a run after an outage catches up what fell due while the host was down.
    /// </summary>
    public static DigestPeriod? Due(Subscriber subscriber, DateTimeOffset since, DateTimeOffset now)
    {
        if (subscriber.Status != SubscriberStatus.Active || subscriber.Frequency is Frequency.Immediate or Frequency.Breaking
            || !TimeZoneInfo.TryFindSystemTimeZoneById(subscriber.TimeZone, out var zone))
        {
            return null;
        }

        since = since < now - MaxCatchUp ? now - MaxCatchUp : since;
        var localToday = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        foreach (var day in new[] { localToday, localToday.AddDays(-1), localToday.AddDays(-2) })
        {
            if (subscriber.Frequency == Frequency.Weekly && day.DayOfWeek != subscriber.Weekday)
            {
                continue;
            }

            var end = At(day, subscriber.Hour, zone);
            if (since < end && end <= now)
            {
                return ForDay(subscriber, day);
            }
        }

        return null;
    }

    /// <summary>The period of the digest for a local date (for previews): the day, or the week, ending at the subscriber's hour that day.</summary>
    public static DigestPeriod ForDay(Subscriber subscriber, DateOnly day)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(subscriber.TimeZone);
        var weekly = subscriber.Frequency == Frequency.Weekly;
        return new DigestPeriod(subscriber.Id, $"{(weekly ? "w" : "d")}-{day:yyyy-MM-dd}", At(day.AddDays(weekly ? -7 : -1), subscriber.Hour, zone), At(day, subscriber.Hour, zone));
    }

    /// <summary>The period being gathered at <paramref name="now"/>: what the subscriber's next digest will hold (for previews).</summary>
    public static DigestPeriod Next(Subscriber subscriber, DateTimeOffset now)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(subscriber.TimeZone);
        var weekly = subscriber.Frequency == Frequency.Weekly;
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        while (At(day, subscriber.Hour, zone) <= now || (weekly && day.DayOfWeek != subscriber.Weekday))
        {
            day = day.AddDays(1);
        }

        return ForDay(subscriber, day);
    }

    /// <summary>The instant a local date and hour names: an hour skipped by DST moves on to the next that exists; a repeated one is taken the first time.</summary>
    private static DateTimeOffset At(DateOnly day, int hour, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(new TimeOnly(hour, 0));
        while (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}
