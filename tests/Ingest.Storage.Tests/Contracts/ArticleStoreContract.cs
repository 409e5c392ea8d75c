using Ingest.Core.Model;
using Ingest.Core.Polling;
using Ingest.Core.Topics;
using Ingest.Storage.Stores;
using Ingest.Testing;
using Ingest.Testing.Fakes;

namespace Ingest.Storage.Tests.Contracts;

/// <summary>What the article store and the hit reader do together: what a poll stores is what digests and status read.</summary>
public abstract class ArticleStoreContract
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);

    protected abstract Task<(IArticleStore Articles, IHitReader Hits)> NewStoreAsync();

    private static StoredArticle Article(string key, params string[] topics) =>
        new(key, $"https://news.example/{key}", $"Report {key}", Monday, "wire", "en", topics, "hash");

    private static StoredHit Hit(string topic, string key, DateTimeOffset published, double score, DateTimeOffset? found = null) =>
        new(topic, key, $"Report {key}", $"https://news.example/{key}", "wire", published, score, [new MatchedTerm("KFOR", 2)], "A patrol near the crossing.", [new TextSpan(2, 6)], found);

    [Fact]
    public async Task Stored_articles_are_found_by_key_and_others_are_not()
    {
        var (articles, _) = await NewStoreAsync();

        await articles.SaveAsync([Article("a1", "kfor"), Article("a2", "arms")], [], CancellationToken.None);

        Assert.Equal(["a1"], await articles.FindExistingAsync(["a1", "zz"], CancellationToken.None));
    }

    [Fact]
    public async Task An_article_stored_already_is_left_as_it_is_and_named_while_the_others_are_stored()
    {
        var (articles, _) = await NewStoreAsync();
        await articles.SaveAsync([Article("aa01", "kfor")], [], CancellationToken.None);

        var stored = await articles.SaveAsync([Article("aa02"), Article("aa01"), Article("aa03"), Article("bb01")], [], CancellationToken.None);

        Assert.Equal(["aa01"], stored);
        Assert.Equal(["aa01", "aa02", "aa03", "bb01"], (await articles.FindExistingAsync(["aa01", "aa02", "aa03", "bb01", "cc01"], CancellationToken.None)).Order());
    }

    [Fact]
    public async Task Hits_are_read_by_topic_period_and_floor_newest_first()
    {
        var (articles, hits) = await NewStoreAsync();
        await articles.SaveAsync([Article("a1", "kfor"), Article("a2", "kfor"), Article("a3", "kfor", "arms")],
        [
            Hit("kfor", "a1", Monday.AddHours(1), 5),
            Hit("kfor", "a2", Monday.AddHours(3), 9),
            Hit("kfor", "a3", Monday.AddDays(2), 9),
            Hit("arms", "a3", Monday.AddHours(2), 2),
        ], CancellationToken.None);

        var day = await hits.ReadAsync(["kfor", "arms"], Monday, Monday.AddDays(1), 0, CancellationToken.None);
        var best = await hits.ReadAsync(["kfor"], Monday, Monday.AddDays(1), 6, CancellationToken.None);

        Assert.Equal([("kfor", "a2"), ("kfor", "a1"), ("arms", "a3")], day.Select(h => (h.TopicId, h.ArticleKey)));
        var hit = Assert.Single(best);
        Assert.Equal(("a2", 9.0, "KFOR", 2, new TextSpan(2, 6)), (hit.ArticleKey, hit.Score, hit.Matched[0].Term, hit.Matched[0].Count, hit.Highlights![0]));
    }

    [Fact]
    public async Task Hits_count_from_when_they_were_found_and_the_latest_is_the_newest_published()
    {
        var (articles, hits) = await NewStoreAsync();
        var now = Monday.AddDays(10);
        await articles.SaveAsync([Article("old", "kfor"), Article("new", "kfor")],
        [
            Hit("kfor", "old", Monday, 5, found: now.AddHours(-1)),
            Hit("kfor", "new", now.AddHours(-30), 5),
        ], CancellationToken.None);

        Assert.Equal(1, await hits.CountFoundSinceAsync("kfor", now.AddDays(-1), CancellationToken.None));
        Assert.Equal(2, await hits.CountFoundSinceAsync("kfor", now.AddDays(-7), CancellationToken.None));
        Assert.Equal(["old"], (await hits.ReadFoundSinceAsync(["kfor"], now.AddDays(-1), CancellationToken.None)).Select(h => h.ArticleKey));
        Assert.Equal(new LatestHit("Report new", "https://news.example/new", now.AddHours(-30)), await hits.LatestAsync("kfor", CancellationToken.None));
        Assert.Null(await hits.LatestAsync("arms", CancellationToken.None));
    }
}

public sealed class ArticleTableContractTests(StorageFixture storage) : ArticleStoreContract, IClassFixture<StorageFixture>
{
    protected override async Task<(IArticleStore Articles, IHitReader Hits)> NewStoreAsync()
    {
        var hits = await storage.NewTableAsync();
        return (new ArticleTable(await storage.NewTableAsync(), hits), new HitTable(hits));
    }
}

public sealed class InMemoryArticleStoreContractTests : ArticleStoreContract
{
    protected override Task<(IArticleStore Articles, IHitReader Hits)> NewStoreAsync()
    {
        var store = new InMemoryArticleStore();
        return Task.FromResult<(IArticleStore, IHitReader)>((store, store));
    }
}
