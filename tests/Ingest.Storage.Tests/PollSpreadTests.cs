using Ingest.Core.Model;
using Ingest.Core.Polling;
using Ingest.Core.Scheduling;
using Ingest.Storage.Stores;
using Ingest.Testing;
using Ingest.Testing.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace Ingest.Storage.Tests;

/// <summary>
/// The dispatcher over Azurite on a fake clock: forty feeds of one host, all due at once (a catalogue just imported),
/// are queued across the poll interval rather than at its top, while a host with few feeds is polled at once.
/// </summary>
public sealed class PollSpreadTests(StorageFixture storage) : IClassFixture<StorageFixture>
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly PollPolicy Policy = new() { Interval = TimeSpan.FromMinutes(10), HostBurst = 2 };

    [Fact]
    public async Task Forty_feeds_of_one_host_due_together_are_queued_one_gap_apart_across_the_interval()
    {
        var feeds = new FeedTable(await storage.NewTableAsync());
        var queueClient = await storage.NewQueueAsync();
        var busy = Enumerable.Range(0, 40).Select(i => new FeedRecord($"section-{i:D2}", $"https://news.example/rss/section-{i:D2}.xml")).ToList();
        var quiet = new[] { new FeedRecord("quiet-a", "https://quiet.example/a.xml"), new FeedRecord("quiet-b", "https://quiet.example/b.xml") };
        await new CatalogImport(feeds).ImportAsync([.. busy, .. quiet], CancellationToken.None);
        var clock = new FakeTimeProvider(Start);
        var dispatcher = new PollDispatcher(feeds, new JsonQueue<PollRequest>(queueClient), Policy, clock);

        var queued = await dispatcher.DispatchAsync(CancellationToken.None);
        var leases = (await feeds.ListAsync(CancellationToken.None)).ToDictionary(f => f.Id, f => f.NextPollAt!.Value);

        Assert.Equal(42, queued.Count);
        // Each busy feed is polled at its turn (its lease is that turn plus an interval): 15 s apart, all within the interval.
        var turns = busy.Select(f => leases[f.Id] - Policy.Interval).Order().ToList();
        Assert.Equal(Start, turns[0]);
        Assert.All(turns.Zip(turns.Skip(1)), pair => Assert.Equal(TimeSpan.FromSeconds(15), pair.Second - pair.First));
        Assert.True(turns[^1] < Start + Policy.Interval);
        Assert.All(quiet, f => Assert.Equal(Start + Policy.Interval, leases[f.Id]));

        // On the queue only the polls whose turn is now are visible (they may share a message); the rest wait, invisible,
        // for theirs, each in a message of its own moment.
        var visible = (await queueClient.PeekMessagesAsync(32)).Value.SelectMany(m => QueueJson.Read<PollRequest>(m.Body.ToString()).Polls()).ToList();
        Assert.Equal(["quiet-a", "quiet-b", "section-00"], visible.Select(p => p.FeedId).Order());
        Assert.All(visible, poll => Assert.Equal(Start, poll.RequestedAt));
        Assert.Equal(39 + (await queueClient.PeekMessagesAsync(32)).Value.Length, (await queueClient.GetPropertiesAsync()).Value.ApproximateMessagesCount);

        // A tick later nothing is queued again: every feed is leased until its turn has come and gone.
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty(await dispatcher.DispatchAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Two_dispatchers_that_find_the_same_feeds_due_at_once_queue_each_feed_once()
    {
        var table = new FeedTable(await storage.NewTableAsync());
        var queueClient = await storage.NewQueueAsync();
        // Each feed its own site, and more of them than one lease transaction holds.
        var sites = Enumerable.Range(0, 150).Select(i => new FeedRecord($"site-{i:D3}", $"https://site-{i:D3}.example/feed.xml")).ToList();
        await new CatalogImport(table).ImportAsync(sites, CancellationToken.None);
        using var together = new Barrier(2);
        var dispatchers = Enumerable.Range(0, 2)
            .Select(_ => new PollDispatcher(new ListingTogether(table, together), new JsonQueue<PollRequest>(queueClient), Policy, new FakeTimeProvider(Start)))
            .ToList();

        // Both list every feed as due before either leases one: two instances' timers firing in the same second.
        var queued = await Task.WhenAll(dispatchers.Select(d => Task.Run(() => d.DispatchAsync(CancellationToken.None))));

        Assert.Equal(sites.Count, queued.Sum(q => q.Count));
        Assert.Equal(sites.Select(f => f.Id).Order(StringComparer.Ordinal), queued.SelectMany(q => q.Select(f => f.Id)).Order(StringComparer.Ordinal));
        // The messages name each feed once: the polls are what was leased, however they were packed.
        Assert.Equal(sites.Select(f => f.Id).Order(StringComparer.Ordinal), (await ReadAllAsync(queueClient)).SelectMany(m => m.Polls()).Select(p => p.FeedId).Order(StringComparer.Ordinal));
    }

    private static async Task<List<PollRequest>> ReadAllAsync(Azure.Storage.Queues.QueueClient queue)
    {
        var requests = new List<PollRequest>();
        while ((await queue.ReceiveMessagesAsync(32)).Value is { Length: > 0 } received)
        {
            requests.AddRange(received.Select(m => QueueJson.Read<PollRequest>(m.Body.ToString())));
        }

        return requests;
    }

    /// <summary>The table, with a list that returns only once the other dispatcher has listed too.</summary>
    private sealed class ListingTogether(IFeedStore inner, Barrier together) : FeedStoreDecorator(inner)
    {
        public override async Task<IReadOnlyList<FeedRecord>> ListSchedulesAsync(CancellationToken cancellationToken)
        {
            var feeds = await base.ListSchedulesAsync(cancellationToken);
            together.SignalAndWait(TimeSpan.FromMinutes(2), cancellationToken);
            return feeds;
        }
    }
}
