using System.Security;
using Ingest.Core.Fetching;
using Ingest.Core.Model;
using Ingest.Core.Polling;
using Ingest.Core.Scheduling;
using Ingest.Core.Stories;
using Ingest.Core.Topics;
using Ingest.Testing;
using Ingest.Testing.Fakes;

namespace Ingest.Core.Tests.Orchestrators;

/// <summary>
/// The poller on the in-memory stores and a loopback feed: new articles stored once, news alerted once, and a poll cut
/// short by storage redone whole on its retry.
/// </summary>
public sealed class PollerTests : IAsyncLifetime
{
    private static readonly TopicMatcher Matcher = new(TopicModelLoader.LoadFile(Path.Combine(RepositoryRoot.Path, "seeds", "topics.json")));

    private readonly FakeWorld _world = new();
    private readonly InMemoryFeedStore _feeds = new();
    private LoopbackHttpServer _server = null!;
    private InMemoryQueue<AlertBatch> _alerts = null!;

    public async Task InitializeAsync()
    {
        _server = await LoopbackHttpServer.StartAsync();
        _server.MapText("/wire.xml", Rss(
            ("crossing", StoryTexts.CrossingTitle, StoryTexts.Crossing),
            ("hospital", StoryTexts.HandoverTitle, StoryTexts.Handover),
            ("weather", "Sunny weekend ahead on the coast", "Temperatures climb to 24 degrees along the Adriatic on Saturday.")));
        _alerts = new InMemoryQueue<AlertBatch>(_world.Clock);
        await _feeds.AddIfMissingAsync(new FeedRecord("wire", _server.Url("/wire.xml").AbsoluteUri), CancellationToken.None);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private FeedPoller Poller(IArticleStore articles) => _world.Poller(_feeds, articles, _alerts, Matcher);

    [Fact]
    public async Task A_poll_stores_each_new_article_once_alerts_its_news_once_and_remembers_the_feed()
    {
        var poller = Poller(_world.Articles);

        var first = await poller.PollAsync(new PollRequest("wire", _world.Clock.GetUtcNow()), CancellationToken.None);
        _world.Clock.Advance(TimeSpan.FromMinutes(10));
        var second = await poller.PollAsync(new PollRequest("wire", _world.Clock.GetUtcNow()), CancellationToken.None);

        Assert.Equal((PollStatus.Ok, 3, PollStatus.Ok, 0), (first.Status, first.NewArticles.Count, second.Status, second.NewArticles.Count));
        Assert.Equal(3, _world.Articles.Articles.Count);
        var news = Assert.Single(_alerts.Take());
        Assert.Contains(news.Hits, h => h is { TopicId: "kfor", Title: StoryTexts.CrossingTitle });
        Assert.DoesNotContain(news.Hits, h => h.Title.StartsWith("Sunny", StringComparison.Ordinal));
        Assert.All(news.Hits, h => Assert.NotNull(h.StoryId));
        var feed = (await _feeds.GetAsync("wire", CancellationToken.None))!;
        Assert.Equal((PollStatus.Ok, 3, 0), (feed.LastStatus, feed.ArticleCount, feed.ConsecutiveFailures));
        Assert.NotNull(feed.VerifiedAt);
    }

    [Fact]
    public async Task A_poll_cut_short_by_storage_leaves_the_feed_as_it_was_and_its_retry_stores_everything_once()
    {
        var failing = new FailingOnce(_world.Articles);
        var request = new PollRequest("wire", _world.Clock.GetUtcNow());

        await Assert.ThrowsAsync<IOException>(() => Poller(failing).PollAsync(request, CancellationToken.None));
        var untouched = (await _feeds.GetAsync("wire", CancellationToken.None))!;
        var retried = await Poller(failing).PollAsync(request, CancellationToken.None);

        Assert.Null(untouched.LastPolledAt);
        Assert.Equal(3, retried.NewArticles.Count);
        Assert.Equal(3, _world.Articles.Articles.Count);
        var batches = _alerts.Take();
        Assert.Equal(batches[0].Id, Assert.Single(batches.DistinctBy(b => b.Id)).Id);
    }

    private static string Rss(params (string Slug, string Title, string Text)[] items) =>
        $"""
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0"><channel><title>Wire</title><link>https://news.example/</link><description>Wire</description>
        {string.Concat(items.Select(i => $"<item><title>{SecurityElement.Escape(i.Title)}</title><link>https://news.example/{i.Slug}</link><pubDate>Mon, 30 Nov 2026 07:00:00 GMT</pubDate><description>{SecurityElement.Escape(i.Text)}</description></item>"))}
        </channel></rss>
        """;

    /// <summary>The article store, failing its first write as storage going away would.</summary>
    private sealed class FailingOnce(IArticleStore inner) : IArticleStore
    {
        private int _writes;

        public Task<IReadOnlySet<string>> FindExistingAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken) => inner.FindExistingAsync(keys, cancellationToken);

        public Task SaveAsync(IReadOnlyList<StoredArticle> newArticles, IReadOnlyList<StoredHit> newHits, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _writes) == 1 ? throw new IOException("the connection to storage was reset") : inner.SaveAsync(newArticles, newHits, cancellationToken);
    }
}
