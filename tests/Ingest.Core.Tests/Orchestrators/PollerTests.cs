using System.Security;
using Ingest.Core.Fetching;
using Ingest.Core.Model;
using Ingest.Core.Polling;
using Ingest.Core.Scheduling;
using Ingest.Core.Stories;
using Ingest.Core.Topics;
using Ingest.Testing;
using Ingest.Testing.Fakes;
using Microsoft.AspNetCore.Http;

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

    [Fact]
    public async Task Items_another_feed_stored_already_are_not_stored_filed_or_alerted_again()
    {
        _server.MapText("/desk.xml", Rss(
            ("crossing", StoryTexts.CrossingTitle, StoryTexts.Crossing),
            ("weather", "Sunny weekend ahead on the coast", "Temperatures climb to 24 degrees along the Adriatic on Saturday."),
            ("market", "Fish market reopens after repairs", "Traders return to the old hall by the harbour on Monday.")));
        await _feeds.AddIfMissingAsync(new FeedRecord("desk", _server.Url("/desk.xml").AbsoluteUri), CancellationToken.None);
        await Poller(_world.Articles).PollAsync(new PollRequest("wire", _world.Clock.GetUtcNow()), CancellationToken.None);
        var wireNews = _alerts.Take();

        var desk = await Poller(_world.Articles).PollAsync(new PollRequest("desk", _world.Clock.GetUtcNow()), CancellationToken.None);

        Assert.Single(wireNews);
        Assert.Equal(["https://news.example/market"], desk.NewArticles.Select(a => a.Url));
        Assert.Empty(desk.Hits);
        Assert.Empty(_alerts.Take());
        Assert.Equal(4, _world.Articles.Articles.Count);
        Assert.Equal("wire", _world.Articles.Articles.Single(a => a.Url.EndsWith("/crossing", StringComparison.Ordinal)).FeedId);
        Assert.Equal(1, (await _feeds.GetAsync("desk", CancellationToken.None))!.ArticleCount);
    }

    [Fact]
    public async Task A_teaser_two_feeds_carry_has_its_page_read_once()
    {
        var pages = 0;
        _server.Map("/news/crossing", async context =>
        {
            Interlocked.Increment(ref pages);
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync($"<html><head><title>{StoryTexts.CrossingTitle}</title></head><body><article><h1>{StoryTexts.CrossingTitle}</h1><p>{StoryTexts.Crossing}</p></article></body></html>");
        });
        var teaser = $"""
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0"><channel><title>Teasers</title><link>{_server.Url("/")}</link><description>Teasers</description>
            <item><title>{SecurityElement.Escape(StoryTexts.CrossingTitle)}</title><link>{_server.Url("/news/crossing")}</link><description>Patrols at the crossing… Read more</description></item>
            </channel></rss>
            """;
        foreach (var id in new[] { "north", "south" })
        {
            _server.MapText($"/{id}.xml", teaser);
            await _feeds.AddIfMissingAsync(new FeedRecord(id, _server.Url($"/{id}.xml").AbsoluteUri), CancellationToken.None);
        }

        var north = await Poller(_world.Articles).PollAsync(new PollRequest("north", _world.Clock.GetUtcNow()), CancellationToken.None);
        var south = await Poller(_world.Articles).PollAsync(new PollRequest("south", _world.Clock.GetUtcNow()), CancellationToken.None);

        Assert.Equal((1, 0), (north.NewArticles.Count, south.NewArticles.Count));
        Assert.Contains(north.Hits, h => h.TopicId == "kfor");
        Assert.Equal(1, pages);
    }

    [Fact]
    public async Task A_message_tried_again_leaves_alone_a_feed_its_earlier_try_polled_and_polls_one_it_did_not()
    {
        _server.MapText("/second.xml", Rss(("hospital", StoryTexts.HandoverTitle, StoryTexts.Handover)));
        await _feeds.AddIfMissingAsync(new FeedRecord("second", _server.Url("/second.xml").AbsoluteUri), CancellationToken.None);
        var requestedAt = _world.Clock.GetUtcNow();
        await Poller(_world.Articles).PollAsync(new PollRequest("wire", requestedAt), CancellationToken.None);
        _world.Clock.Advance(TimeSpan.FromSeconds(30));

        var again = await Poller(_world.Articles).PollAgainAsync(new PollRequest("wire", requestedAt), CancellationToken.None);
        var notYet = await Poller(_world.Articles).PollAgainAsync(new PollRequest("second", requestedAt), CancellationToken.None);

        Assert.Equal(("skipped", "polled by an earlier try of this message"), (again.Status, again.Error));
        Assert.Equal(1, _server.Requests.Count(r => r.Path == "/wire.xml"));
        Assert.Equal((PollStatus.Ok, 1), (notYet.Status, _server.Requests.Count(r => r.Path == "/second.xml")));
    }

    [Fact]
    public async Task A_feed_that_answers_304_to_the_listed_validators_has_its_poll_written_without_its_row_being_read()
    {
        await _feeds.AddIfMissingAsync(new FeedRecord("tagged", TaggedFeed().AbsoluteUri), CancellationToken.None);
        await Poller(_world.Articles).PollAsync(new PollRequest("tagged", _world.Clock.GetUtcNow()), CancellationToken.None);
        var listed = (await _feeds.GetAsync("tagged", CancellationToken.None))!;
        _server.Requests.Clear();

        _world.Clock.Advance(TimeSpan.FromMinutes(10));
        var again = await _world.Poller(new RowsNeverRead(_feeds), _world.Articles, _alerts, Matcher)
            .PollAsync(new PollRequest("tagged", _world.Clock.GetUtcNow(), FeedValidators.Of(listed)), CancellationToken.None);

        Assert.Equal(PollStatus.NotModified, again.Status);
        Assert.Equal("\"v1\"", Assert.Single(_server.Requests).Headers["If-None-Match"]);
        var saved = (await _feeds.GetAsync("tagged", CancellationToken.None))!;
        Assert.Equal((PollStatus.NotModified, _world.Clock.GetUtcNow()), (saved.LastStatus, saved.LastPolledAt));
        Assert.True(saved.NextPollAt > _world.Clock.GetUtcNow());
        Assert.Equal((listed.ETag, listed.ArticleCount, listed.ItemKeys), (saved.ETag, saved.ArticleCount, saved.ItemKeys));
    }

    [Fact]
    public async Task A_304_for_a_feed_removed_since_it_was_listed_does_not_bring_its_row_back()
    {
        var listed = new FeedValidators(TaggedFeed().AbsoluteUri, "\"v1\"", null);

        var outcome = await Poller(_world.Articles).PollAsync(new PollRequest("removed", _world.Clock.GetUtcNow(), listed), CancellationToken.None);

        Assert.Equal("skipped", outcome.Status);
        Assert.Null(await _feeds.GetAsync("removed", CancellationToken.None));
    }

    [Fact]
    public async Task A_poll_whose_feed_changed_since_it_was_listed_fetches_with_what_the_row_says_now()
    {
        var poller = Poller(_world.Articles);
        var stale = new FeedValidators(_server.Url("/old-address.xml").AbsoluteUri, "\"listed\"", null);

        var outcome = await poller.PollAsync(new PollRequest("wire", _world.Clock.GetUtcNow(), stale), CancellationToken.None);

        Assert.Equal((PollStatus.Ok, 3), (outcome.Status, outcome.NewArticles.Count));
        Assert.Contains(_server.Requests, r => r.Path == "/wire.xml");
        Assert.Equal(3, _world.Articles.Articles.Count);
    }

    [Fact]
    public async Task A_message_with_validators_for_a_removed_feed_is_skipped_and_keeps_nothing()
    {
        var listed = new FeedValidators(_server.Url("/wire.xml").AbsoluteUri, null, null);

        var outcome = await Poller(_world.Articles).PollAsync(new PollRequest("gone", _world.Clock.GetUtcNow(), listed), CancellationToken.None);

        Assert.Equal("skipped", outcome.Status);
        Assert.Empty(_world.Articles.Articles);
        Assert.Null(await _feeds.GetAsync("gone", CancellationToken.None));
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

        public Task<IReadOnlySet<string>> SaveAsync(IReadOnlyList<StoredArticle> newArticles, IReadOnlyList<StoredHit> newHits, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _writes) == 1 ? throw new IOException("the connection to storage was reset") : inner.SaveAsync(newArticles, newHits, cancellationToken);
    }

    /// <summary>A loopback feed that answers 304 to the ETag it gave.</summary>
    private Uri TaggedFeed()
    {
        var xml = Rss(("crossing", StoryTexts.CrossingTitle, StoryTexts.Crossing));
        _server.Map("/tagged.xml", async context =>
        {
            if (context.Request.Headers.IfNoneMatch == "\"v1\"")
            {
                context.Response.StatusCode = 304;
                return;
            }

            context.Response.Headers.ETag = "\"v1\"";
            context.Response.ContentType = "application/rss+xml; charset=utf-8";
            await context.Response.WriteAsync(xml);
        });
        return _server.Url("/tagged.xml");
    }

    /// <summary>The feed rows, for a poll that must not read one.</summary>
    private sealed class RowsNeverRead(IFeedStore rows) : FeedStoreDecorator(rows)
    {
        public override Task<FeedRecord?> GetAsync(string feedId, CancellationToken cancellationToken) =>
            throw new InvalidOperationException($"the row of {feedId} was read");
    }
}
