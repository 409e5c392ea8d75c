using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Ingest.Core.Model;
using Ingest.Core.Polling;
using Ingest.Storage.Stores;
using Ingest.Testing;

namespace Ingest.Storage.Tests;

/// <summary>The Feeds table: each writer (catalogue import, dispatcher lease, poll) keeps to its own fields.</summary>
public sealed class FeedStoreTests(StorageFixture storage) : IClassFixture<StorageFixture>
{
    private static readonly DateTimeOffset Polled = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Importing_again_updates_the_catalogue_fields_and_keeps_what_polling_learned()
    {
        var store = new FeedTable(await storage.NewTableAsync());
        var catalogue = FeedCatalog.Load("""{"feeds":[{"id":"wire","url":"https://news.example/feed","title":"Wire","language":"en"}]}""");
        var first = await new CatalogImport(store).ImportAsync(catalogue, CancellationToken.None);
        await store.SavePollStateAsync((await store.GetAsync("wire", CancellationToken.None))! with
        {
            Url = "https://news.example/moved-feed",
            ETag = "\"v7\"",
            LastModified = Polled.AddHours(-1),
            LastPolledAt = Polled,
            NextPollAt = Polled.AddMinutes(10),
            LastStatus = PollStatus.Ok,
            ArticleCount = 12,
            ItemKeys = ["0123456789abcdef"],
            VerifiedAt = Polled.AddDays(-3),
        }, CancellationToken.None);

        var renamed = FeedCatalog.Load("""{"feeds":[{"id":"wire","url":"https://news.example/feed","title":"The Wire","language":"sr","fullText":true}]}""");
        var second = await new CatalogImport(store).ImportAsync(renamed, CancellationToken.None);
        var third = await new CatalogImport(store).ImportAsync(renamed, CancellationToken.None);
        var feed = (await store.GetAsync("wire", CancellationToken.None))!;

        Assert.Equal(new ImportResult(1, 0, 0), first);
        Assert.Equal(new ImportResult(0, 1, 0), second);
        Assert.Equal(new ImportResult(0, 0, 1), third);
        Assert.Equal(
            new FeedRecord("wire", "https://news.example/moved-feed", "The Wire", "sr", FullTextMode.Always, true, "\"v7\"", Polled.AddHours(-1), Polled, Polled.AddMinutes(10), PollStatus.Ok, 0, null, 12, VerifiedAt: Polled.AddDays(-3)),
            feed with { ItemKeys = null, RowVersion = null });
        Assert.Equal(["0123456789abcdef"], feed.ItemKeys);
    }

    [Fact]
    public async Task A_feed_removed_from_the_catalogue_is_disabled_and_enabled_again_when_it_returns_while_a_gone_feed_stays_off()
    {
        var store = new FeedTable(await storage.NewTableAsync());
        var both = FeedCatalog.Load("""{"feeds":[{"id":"wire","url":"https://news.example/feed"},{"id":"old","url":"https://old.example/rss"}]}""");
        await new CatalogImport(store).ImportAsync(both, CancellationToken.None);
        await store.SavePollStateAsync(new FeedRecord("wire", "https://news.example/feed", Enabled: false, LastStatus: PollStatus.Gone), CancellationToken.None);

        var shrunk = await new CatalogImport(store).ImportAsync(FeedCatalog.Load("""{"feeds":[{"id":"wire","url":"https://news.example/feed"}]}"""), CancellationToken.None);
        var removed = (await store.GetAsync("old", CancellationToken.None))!;
        var restored = await new CatalogImport(store).ImportAsync(both, CancellationToken.None);

        Assert.Equal(1, shrunk.Disabled);
        Assert.Equal((false, PollStatus.Removed), (removed.Enabled, removed.LastStatus));
        Assert.False(removed.IsDue(Polled));
        Assert.Equal(0, restored.Disabled);
        Assert.True((await store.GetAsync("old", CancellationToken.None))!.IsDue(Polled));
        Assert.Equal((false, PollStatus.Gone), ((await store.GetAsync("wire", CancellationToken.None))!.Enabled, (await store.GetAsync("wire", CancellationToken.None))!.LastStatus));
    }

    [Fact]
    public async Task A_lease_moves_only_the_next_poll_and_a_cleared_error_reads_back_as_none()
    {
        var store = new FeedTable(await storage.NewTableAsync());
        await store.AddIfMissingAsync(new FeedRecord("wire", "https://news.example/feed"), CancellationToken.None);
        await store.SavePollStateAsync(new FeedRecord("wire", "https://news.example/feed", ETag: "\"a\"", LastStatus: PollStatus.Failed, ConsecutiveFailures: 2, LastError: "timed out"), CancellationToken.None);
        await store.SavePollStateAsync(new FeedRecord("wire", "https://news.example/feed", LastStatus: PollStatus.Ok), CancellationToken.None);
        await store.LeaseAsync([new FeedLease("wire", Polled)], CancellationToken.None);

        var feed = (await store.GetAsync("wire", CancellationToken.None))!;

        Assert.Equal((null, PollStatus.Ok, 0, (string?)null, Polled), (feed.ETag, feed.LastStatus, feed.ConsecutiveFailures, feed.LastError, feed.NextPollAt));
        Assert.False(feed.IsDue(Polled.AddSeconds(-1)));
        Assert.True(feed.IsDue(Polled));
        Assert.False(await store.AddIfMissingAsync(new FeedRecord("wire", "https://elsewhere.example/"), CancellationToken.None));
    }

    [Fact]
    public async Task The_shipped_catalogue_imports_over_feeds_already_polled_keeping_their_state()
    {
        var store = new FeedTable(await storage.NewTableAsync());
        var shipped = FeedCatalog.LoadFile(Path.Combine(RepositoryRoot.Path, "seeds", "feeds.json"));
        var known = shipped.Where(f => f.Id is "balkan-insight" or "nato-news" or "klix").ToList();
        await new CatalogImport(store).ImportAsync(known, CancellationToken.None);
        foreach (var feed in known)
        {
            await store.SavePollStateAsync(feed with { ETag = $"\"{feed.Id}\"", LastPolledAt = Polled, NextPollAt = Polled.AddMinutes(10), LastStatus = PollStatus.Ok, ArticleCount = 40, VerifiedAt = Polled.AddDays(-9) }, CancellationToken.None);
        }

        var result = await new CatalogImport(store).ImportAsync(shipped, CancellationToken.None);
        var stored = (await store.ListAsync(CancellationToken.None)).ToDictionary(f => f.Id);

        Assert.Equal(new ImportResult(shipped.Count - known.Count, 0, known.Count), result);
        Assert.All(known, f => Assert.Equal(($"\"{f.Id}\"", 40, Polled.AddDays(-9), (DateTimeOffset?)Polled.AddMinutes(10)), (stored[f.Id].ETag, stored[f.Id].ArticleCount, stored[f.Id].VerifiedAt!.Value, stored[f.Id].NextPollAt)));
        Assert.All(stored.Values.Where(f => !known.Any(k => k.Id == f.Id)), f => Assert.Equal((null, (DateTimeOffset?)null, true), (f.VerifiedAt, f.LastPolledAt, f.IsDue(Polled))));
    }

    [Theory]
    [InlineData("""{"feeds":[{"url":"https://a.example/"}]}""", "feeds[0]: \"id\" is required")]
    [InlineData("""{"feeds":[{"id":"Bad Id","url":"https://a.example/"}]}""", "feed 'Bad Id': \"id\" must be")]
    [InlineData("""{"feeds":[{"id":"a1","url":"ftp://a.example/"}]}""", "feed 'a1': \"url\" must be an absolute http(s) address")]
    [InlineData("""{"feeds":[{"id":"a1","url":"https://a.example/"},{"id":"a1","url":"https://b.example/"}]}""", "feed 'a1': the id is used twice")]
    [InlineData("""{"feeds":[{"id":"a1","url":"https://a.example/","fullText":"yes"}]}""", "feed 'a1': \"fullText\" must be true, false or \"auto\"")]
    [InlineData("""[1,2]""", "expected an object with a \"feeds\" array")]
    public void A_bad_catalogue_names_the_feed_and_field(string json, string expected)
    {
        var error = Assert.Throws<FormatException>(() => FeedCatalog.Load(json, "feeds.json"));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void The_shipped_catalogues_load()
    {
        var real = FeedCatalog.LoadFile(Path.Combine(RepositoryRoot.Path, "seeds", "feeds.json"));
        var samples = FeedCatalog.LoadFile(Path.Combine(RepositoryRoot.Path, "seeds", "samples", "feeds.json"));

        Assert.True(real.Count >= 40);
        Assert.All(real, f => Assert.Matches("^https?://", f.Url));
        Assert.All(samples, f => Assert.StartsWith("http://127.0.0.1:7080/", f.Url));
    }

    [Fact]
    public async Task Polls_that_find_their_feeds_unchanged_at_once_are_written_in_a_few_requests_and_a_removed_feed_alone_hears_it()
    {
        var (store, requests) = await CountedStoreAsync();
        var ids = Enumerable.Range(0, 60).Select(n => $"feed-{n:D2}").ToList();
        foreach (var id in ids)
        {
            await store.AddIfMissingAsync(new FeedRecord(id, $"https://news.example/{id}"), CancellationToken.None);
        }

        var before = requests.Count;
        var together = await Task.WhenAll(ids.Select(id => store.SaveUnchangedAsync(new UnchangedPoll(id, Polled, Polled.AddMinutes(10)), CancellationToken.None)));
        var written = requests.Count - before;
        var withRemoved = await Task.WhenAll(ids.Append("removed").Select(id => store.SaveUnchangedAsync(new UnchangedPoll(id, Polled.AddMinutes(10), Polled.AddMinutes(20)), CancellationToken.None)));

        Assert.All(together, Assert.True);
        Assert.True(written <= 4, $"{written} requests for {ids.Count} polls");
        Assert.Equal([.. ids.Select(_ => true), false], withRemoved);
        Assert.Null(await store.GetAsync("removed", CancellationToken.None));
        Assert.All(await store.ListAsync(CancellationToken.None), feed => Assert.Equal((PollStatus.NotModified, Polled.AddMinutes(10), Polled.AddMinutes(20)), (feed.LastStatus, feed.LastPolledAt!.Value, feed.NextPollAt!.Value)));
    }

    [Fact]
    public async Task Importing_a_catalogue_of_hundreds_of_feeds_takes_a_few_requests_and_again_with_nothing_changed_takes_one()
    {
        var (store, requests) = await CountedStoreAsync();
        var catalogue = Enumerable.Range(0, 250).Select(n => new FeedRecord($"desk-{n:D3}", $"https://news.example/desk-{n:D3}.xml", $"Desk {n}", "sr")).ToList();

        var first = await new CatalogImport(store).ImportAsync(catalogue, CancellationToken.None);
        var firstRequests = requests.Count;
        var again = await new CatalogImport(store).ImportAsync(catalogue, CancellationToken.None);
        var againRequests = requests.Count - firstRequests;

        Assert.Equal(new ImportResult(250, 0, 0), first);
        Assert.Equal(new ImportResult(0, 0, 250), again);
        // One listing, then a transaction per hundred new feeds; a second import lists and has nothing to write.
        Assert.True(firstRequests <= 4, $"{firstRequests} requests to import 250 new feeds");
        Assert.True(againRequests <= 1, $"{againRequests} requests to import 250 unchanged feeds");
        Assert.Equal(catalogue.Select(f => (f.Id, f.Url, f.Title)), (await store.ListAsync(CancellationToken.None)).OrderBy(f => f.Id, StringComparer.Ordinal).Select(f => (f.Id, f.Url, f.Title)));
    }

    /// <summary>A store on a new table whose client counts the requests it sends.</summary>
    private async Task<(FeedTable Store, RequestCount Requests)> CountedStoreAsync()
    {
        var requests = new RequestCount();
        var options = new TableClientOptions();
        options.AddPolicy(requests, HttpPipelinePosition.PerCall);
        return (new FeedTable(new TableClient(storage.Server.ConnectionString, (await storage.NewTableAsync()).Name, options)), requests);
    }

    /// <summary>Counts the requests a client sends.</summary>
    private sealed class RequestCount : HttpPipelineSynchronousPolicy
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _count);
    }
}
