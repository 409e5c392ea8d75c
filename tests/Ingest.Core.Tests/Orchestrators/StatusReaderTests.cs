using Ingest.Core.Deliveries;
using Ingest.Core.Model;
using Ingest.Core.Monitoring;
using Ingest.Core.Polling;
using Ingest.Testing.Fakes;

namespace Ingest.Core.Tests.Orchestrators;

/// <summary>The status read model on the in-memory stores: what it counts, and storage away as its own verdict.</summary>
public sealed class StatusReaderTests
{
    private static StatusReader Reader(FakeWorld world, IFeedStore feeds, InMemoryQueueService queues, InMemoryRunLog runs) =>
        new(feeds, world.Articles, world.Spikes, world.Deliveries, queues, runs, new InMemoryStorage([]), world.Topics, world.Clock);

    [Fact]
    public async Task Status_counts_feeds_hits_deliveries_and_poison_and_an_operator_is_needed_for_the_poison()
    {
        var world = new FakeWorld();
        var now = FakeWorld.Monday;
        var feeds = new InMemoryFeedStore();
        await feeds.SavePollStateAsync(new FeedRecord("wire", "https://news.example/feed", LastPolledAt: now.AddMinutes(-5), LastNewArticleAt: now.AddMinutes(-5), Arrivals: ArrivalLog.Empty.Add(now.AddMinutes(-5), 3)), CancellationToken.None);
        await feeds.SavePollStateAsync(new FeedRecord("desk", "https://desk.example/feed", LastPolledAt: now.AddMinutes(-4), ConsecutiveFailures: 2), CancellationToken.None);
        await world.StoreAsync(FakeWorld.Hit("kfor", "a1", now.AddHours(-2)), FakeWorld.Hit("kfor", "a2", now.AddDays(-3)));
        await world.Deliveries.SaveAsync(new Delivery("r1", "d-2026-11-30", DeliveryStatus.Sent, now.AddHours(-1)), CancellationToken.None);
        var queues = new InMemoryQueueService(world.Clock);
        await queues.PoisonAsync(QueueNames.Digests, new DigestPeriod("r2", "d-2026-11-29", now.AddDays(-2), now.AddDays(-1)), CancellationToken.None);
        var runs = new InMemoryRunLog();
        await runs.RecordAsync("ScheduleDigests", now.AddMinutes(-30), "queued 1 due digests", CancellationToken.None);

        var status = await Reader(world, feeds, queues, runs).ReadAsync(CancellationToken.None);

        Assert.Equal(["desk", "wire"], status.Feeds.Select(f => f.Id));
        Assert.Equal((1, 2), (status.Topics["kfor"].HitsLast24Hours, status.Topics["kfor"].HitsLast7Days));
        Assert.Equal(("Report a1", now.AddHours(-2)), (status.Topics["kfor"].Latest!.Title, status.Topics["kfor"].Latest!.PublishedAt));
        Assert.Equal((1, 0), (status.Digests.SentLast24Hours, status.Digests.FailedLast24Hours));
        Assert.Equal(new QueueDepth(0, 1), status.Queues[QueueNames.Digests]);
        Assert.Equal(FreshnessReport.Unhealthy, status.Freshness.Status);
        Assert.Contains(status.Freshness.Reasons, r => r.Contains("digests-poison", StringComparison.Ordinal));
        var document = StatusDocument.From(status, "1.2.3", now.AddHours(-1));
        Assert.Equal(3, document.Feeds.Single(f => f.Id == "wire").ItemsLast24Hours);
    }

    [Fact]
    public async Task Storage_away_is_the_verdict_not_an_error()
    {
        var world = new FakeWorld();

        var status = await Reader(world, new AwayFeedStore(), new InMemoryQueueService(world.Clock), new InMemoryRunLog()).ReadAsync(CancellationToken.None);

        Assert.Equal(FreshnessReport.Unhealthy, status.Freshness.Status);
        Assert.StartsWith("cannot reach storage", status.StorageError);
        Assert.Empty(status.Feeds);
    }

    /// <summary>A feed store whose storage does not answer.</summary>
    private sealed class AwayFeedStore : IFeedStore
    {
        public Task<IReadOnlyList<FeedRecord>> ListAsync(CancellationToken cancellationToken) => throw InMemoryStorage.Outage();

        public Task<IReadOnlyList<FeedRecord>> ListSchedulesAsync(CancellationToken cancellationToken) => throw InMemoryStorage.Outage();

        public Task<FeedRecord?> GetAsync(string feedId, CancellationToken cancellationToken) => throw InMemoryStorage.Outage();

        public Task<bool> AddIfMissingAsync(FeedRecord feed, CancellationToken cancellationToken) => throw InMemoryStorage.Outage();

        public Task<IReadOnlyList<string>> AddMissingAsync(IReadOnlyList<FeedRecord> feeds, CancellationToken cancellationToken) => throw InMemoryStorage.Outage();

        public Task SaveCatalogAsync(FeedRecord feed, CancellationToken cancellationToken) => throw InMemoryStorage.Outage();

        public Task SetEnabledAsync(string feedId, bool enabled, string status, CancellationToken cancellationToken) => throw InMemoryStorage.Outage();

        public Task<IReadOnlyList<string>> LeaseAsync(IReadOnlyList<FeedLease> leases, CancellationToken cancellationToken) => throw InMemoryStorage.Outage();

        public Task SavePollStateAsync(FeedRecord feed, CancellationToken cancellationToken) => throw InMemoryStorage.Outage();

        public Task<bool> SaveUnchangedAsync(UnchangedPoll poll, CancellationToken cancellationToken) => throw InMemoryStorage.Outage();
    }
}
