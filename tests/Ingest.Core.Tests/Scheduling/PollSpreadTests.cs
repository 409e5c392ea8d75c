using Ingest.Core.Model;
using Ingest.Core.Scheduling;
using Microsoft.Extensions.Time.Testing;

namespace Ingest.Core.Tests.Scheduling;

/// <summary>Where <see cref="PollSpread"/> puts each host's polls, over several intervals of a fake clock ticking every minute.</summary>
public sealed class PollSpreadTests
{
    private static readonly PollPolicy Policy = new() { Interval = TimeSpan.FromMinutes(10), HostBurst = 2 };

    [Fact]
    public void A_host_with_no_more_due_feeds_than_its_burst_is_polled_at_once()
    {
        var feeds = new[] { Feed("a", "https://one.example/a"), Feed("b", "https://one.example/b"), Feed("c", "https://two.example/c") };

        var plan = PollSpread.Plan(feeds, feeds, Policy);

        Assert.All(plan, p => Assert.Equal(TimeSpan.Zero, p.Delay));
        Assert.Equal(3, plan.Count);
    }

    [Fact]
    public void A_few_due_feeds_of_a_big_host_take_the_gap_of_all_its_feeds()
    {
        var all = Enumerable.Range(0, 40).Select(i => Feed($"f{i:D2}", $"https://News.Example/{i}")).ToList();

        var plan = PollSpread.Plan(all.Take(3).ToList(), all, Policy);

        Assert.Equal([TimeSpan.Zero, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30)], plan.Select(p => p.Delay));
    }

    [Fact]
    public void Forty_feeds_imported_together_stay_spread_interval_after_interval()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));
        var start = clock.GetUtcNow();
        var feeds = Enumerable.Range(0, 40).ToDictionary(i => $"f{i:D2}", i => Feed($"f{i:D2}", $"https://news.example/{i}"));
        var polls = new List<(string Feed, DateTimeOffset At)>();

        // The timer ticks every minute; each poll happens at its turn and the feed comes due an interval later.
        while (clock.GetUtcNow() < start + (3 * Policy.Interval))
        {
            var now = clock.GetUtcNow();
            var due = feeds.Values.Where(f => f.IsDue(now)).ToList();
            foreach (var poll in PollSpread.Plan(due, [.. feeds.Values], Policy))
            {
                polls.Add((poll.Feed.Id, now + poll.Delay));
                feeds[poll.Feed.Id] = poll.Feed with { NextPollAt = now + poll.Delay + Policy.Interval };
            }

            clock.Advance(TimeSpan.FromMinutes(1));
        }

        // Never two requests to the host closer than the interval shared by its forty feeds, never more than four a minute...
        var times = polls.Select(p => p.At).Order().ToList();
        Assert.All(times.Zip(times.Skip(1)), pair => Assert.True(pair.Second - pair.First >= TimeSpan.FromSeconds(15), $"{pair.First:HH:mm:ss} and {pair.Second:HH:mm:ss}"));
        Assert.All(Enumerable.Range(0, 30), minute => Assert.InRange(times.Count(t => t >= start.AddMinutes(minute) && t < start.AddMinutes(minute + 1)), 1, 4));

        // ...and no feed waits much beyond its interval: at most the timer's minute and its place in that minute's turns.
        Assert.All(polls.GroupBy(p => p.Feed), feed =>
        {
            var at = feed.Select(p => p.At).Order().ToList();
            Assert.True(at.Count >= 2, feed.Key);
            Assert.All(at.Zip(at.Skip(1)), pair => Assert.InRange(pair.Second - pair.First, Policy.Interval, Policy.Interval + TimeSpan.FromSeconds(105)));
        });
    }

    private static FeedRecord Feed(string id, string url) => new(id, url);
}
