using Ingest.Core.Deliveries;
using Ingest.Core.Model;
using Ingest.Core.Subscriptions;
using Ingest.Storage.Stores;
using Ingest.Testing;

namespace Ingest.Storage.Tests;

/// <summary>ScheduleDigests run every hour on a fake clock across a DST change, against real tables and queues: each digest queued once, at its local hour.</summary>
public sealed class DigestSchedulerTests(StorageFixture storage) : IClassFixture<StorageFixture>
{
    [Fact]
    public async Task Hourly_runs_across_the_autumn_change_queue_each_daily_and_weekly_digest_once_at_the_local_hour()
    {
        var subscribers = new SubscriberTable(await storage.NewTableAsync());
        var queue = await storage.NewQueueAsync();
        Subscriber Make(string email, Frequency frequency, SubscriberStatus status = SubscriberStatus.Active) =>
            new(new SubscriberIds("storage-tests-signing-key").For(email), email, status, ["kfor"], frequency, 7, "Europe/Belgrade", DayOfWeek.Monday, null, DateTimeOffset.UnixEpoch);
        var daily = Make("daily@example.org", Frequency.Daily);
        var weekly = Make("weekly@example.org", Frequency.Weekly);
        foreach (var subscriber in new[] { daily, weekly, Make("pending@example.org", Frequency.Daily, SubscriberStatus.Pending), Make("now@example.org", Frequency.Immediate) })
        {
            await subscribers.SaveAsync(subscriber, CancellationToken.None);
        }

        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 10, 24, 0, 5, 0, TimeSpan.Zero));
        var scheduler = new DigestScheduler(subscribers, new JsonQueue<DigestPeriod>(queue), clock);
        var runs = new List<(DateTimeOffset At, DigestPeriod Period)>();
        DateTimeOffset? lastRun = null;
        for (var hour = 0; hour < 72; hour++)
        {
            foreach (var period in await scheduler.ScheduleAsync(lastRun, CancellationToken.None))
            {
                runs.Add((clock.GetUtcNow(), period));
            }

            lastRun = clock.GetUtcNow();
            clock.Advance(TimeSpan.FromHours(1));
        }

        var queued = new List<DigestPeriod>();
        for (var batch = (await queue.ReceiveMessagesAsync(32)).Value; batch.Length > 0; batch = (await queue.ReceiveMessagesAsync(32)).Value)
        {
            queued.AddRange(batch.Select(m => QueueJson.Read<DigestPeriod>(m.MessageText)));
        }

        Assert.Equal(
            [
                (daily.Id, "d-2026-10-24", new DateTimeOffset(2026, 10, 24, 5, 5, 0, TimeSpan.Zero)),
                (daily.Id, "d-2026-10-25", new DateTimeOffset(2026, 10, 25, 6, 5, 0, TimeSpan.Zero)),
                (daily.Id, "d-2026-10-26", new DateTimeOffset(2026, 10, 26, 6, 5, 0, TimeSpan.Zero)),
                (weekly.Id, "w-2026-10-26", new DateTimeOffset(2026, 10, 26, 6, 5, 0, TimeSpan.Zero)),
            ],
            runs.Select(r => (r.Period.SubscriberId, r.Period.Id, r.At)).OrderBy(r => r.SubscriberId == weekly.Id).ThenBy(r => r.At));
        Assert.Equal(runs.Select(r => r.Period).OrderBy(p => p.Id), queued.OrderBy(p => p.Id));
        Assert.Equal(TimeSpan.FromHours(25), queued.Single(p => p.Id == "d-2026-10-25").End - queued.Single(p => p.Id == "d-2026-10-25").Start);
    }
}
