using Ingest.Core.Model;
using Ingest.Core.Polling;
using Ingest.Storage.Stores;
using Ingest.Testing;
using Ingest.Testing.Fakes;

namespace Ingest.Storage.Tests.Contracts;

/// <summary>What every <see cref="IFeedStore"/> does: the <c>Feeds</c> table and its in-memory stand-in alike.</summary>
public abstract class FeedStoreContract
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    protected abstract Task<IFeedStore> NewStoreAsync();

    [Fact]
    public async Task A_feed_is_added_once_and_a_second_add_changes_nothing()
    {
        var store = await NewStoreAsync();

        Assert.True(await store.AddIfMissingAsync(new FeedRecord("wire", "https://news.example/feed", "Wire", "en"), CancellationToken.None));
        Assert.False(await store.AddIfMissingAsync(new FeedRecord("wire", "https://elsewhere.example/feed", "Other"), CancellationToken.None));

        var stored = await store.GetAsync("wire", CancellationToken.None);
        Assert.Equal(("https://news.example/feed", "Wire", "en", true), (stored!.Url, stored.Title, stored.Language, stored.Enabled));
        Assert.Null(stored.NextPollAt);
        Assert.Null(await store.GetAsync("absent", CancellationToken.None));
    }

    [Fact]
    public async Task Feeds_added_together_add_those_not_stored_and_leave_the_stored_ones_as_they_were()
    {
        var store = await NewStoreAsync();
        await store.AddIfMissingAsync(new FeedRecord("desk-005", "https://first.example/feed", "First"), CancellationToken.None);
        await store.AddIfMissingAsync(new FeedRecord("desk-150", "https://first.example/other", "Other"), CancellationToken.None);
        var feeds = Enumerable.Range(0, 220).Select(n => new FeedRecord($"desk-{n:D3}", $"https://news.example/desk-{n:D3}.xml", $"Desk {n}", "hr")).ToList();

        var added = await store.AddMissingAsync(feeds, CancellationToken.None);

        Assert.Equal(feeds.Select(f => f.Id).Where(id => id is not "desk-005" and not "desk-150"), added.Order(StringComparer.Ordinal));
        var stored = (await store.ListAsync(CancellationToken.None)).ToDictionary(f => f.Id);
        Assert.Equal(220, stored.Count);
        Assert.Equal(("https://first.example/feed", "First"), (stored["desk-005"].Url, stored["desk-005"].Title));
        Assert.Equal(("https://news.example/desk-219.xml", "Desk 219", "hr", true), (stored["desk-219"].Url, stored["desk-219"].Title, stored["desk-219"].Language, stored["desk-219"].Enabled));
        Assert.Empty(await store.AddMissingAsync(feeds, CancellationToken.None));
    }

    [Fact]
    public async Task The_catalogue_and_a_poll_each_write_only_their_own_fields()
    {
        var store = await NewStoreAsync();
        await store.AddIfMissingAsync(new FeedRecord("wire", "https://news.example/feed", "Wire", "en"), CancellationToken.None);

        await store.SavePollStateAsync(new FeedRecord("wire", "https://news.example/moved", Title: null, Language: "ignored", FullText: FullTextMode.Never, ETag: "\"e1\"", LastPolledAt: Noon, NextPollAt: Noon.AddMinutes(10), LastStatus: PollStatus.Ok, ArticleCount: 3, VerifiedAt: Noon), CancellationToken.None);
        await store.SaveCatalogAsync(new FeedRecord("wire", "https://catalogue.example/feed", "Wire (renamed)", "sr"), CancellationToken.None);

        var stored = (await store.GetAsync("wire", CancellationToken.None))!;
        Assert.Equal(("https://news.example/moved", "Wire (renamed)", "sr", FullTextMode.Auto), (stored.Url, stored.Title, stored.Language, stored.FullText));
        Assert.Equal(("\"e1\"", Noon, Noon.AddMinutes(10), 3, Noon), (stored.ETag, stored.LastPolledAt!.Value, stored.NextPollAt!.Value, stored.ArticleCount, stored.VerifiedAt!.Value));
    }

    [Fact]
    public async Task An_unchanged_poll_writes_its_time_status_and_move_over_a_failing_feed_and_keeps_the_rest()
    {
        var store = await NewStoreAsync();
        await store.SavePollStateAsync(new FeedRecord("wire", "https://news.example/feed", "Wire", ETag: "\"e1\"", LastPolledAt: Noon, LastStatus: PollStatus.Failed, ConsecutiveFailures: 2, LastError: "timed out", ArticleCount: 7, ItemKeys: ["0123456789abcdef"], VerifiedAt: Noon), CancellationToken.None);

        Assert.True(await store.SaveUnchangedAsync(new UnchangedPoll("wire", Noon.AddMinutes(10), Noon.AddMinutes(20), "https://news.example/moved"), CancellationToken.None));
        Assert.False(await store.SaveUnchangedAsync(new UnchangedPoll("absent", Noon, Noon), CancellationToken.None));

        var stored = (await store.GetAsync("wire", CancellationToken.None))!;
        Assert.Equal(("https://news.example/moved", Noon.AddMinutes(10), Noon.AddMinutes(20), PollStatus.NotModified, 0, null), (stored.Url, stored.LastPolledAt!.Value, stored.NextPollAt!.Value, stored.LastStatus, stored.ConsecutiveFailures, stored.LastError));
        Assert.Equal(("Wire", "\"e1\"", 7, Noon, true), (stored.Title, stored.ETag, stored.ArticleCount, stored.VerifiedAt!.Value, stored.Enabled));
        Assert.Equal(["0123456789abcdef"], stored.ItemKeys);
        Assert.Null(await store.GetAsync("absent", CancellationToken.None));
    }

    [Fact]
    public async Task Item_keys_arrivals_and_item_texts_read_back_as_written_and_empty_ones_as_absent()
    {
        var store = await NewStoreAsync();
        var arrivals = ArrivalLog.Empty.Add(Noon.AddHours(-2), 3).Add(Noon, 1);
        var texts = TextLog.Empty.Add([new TextLog.Item(131, Stub: true, ReadInFull: true), new TextLog.Item(2400, Stub: false, ReadInFull: false)]);

        await store.SavePollStateAsync(new FeedRecord("wire", "https://news.example/feed", ItemKeys: ["0123456789abcdef", "fedcba9876543210"], Arrivals: arrivals, Texts: texts), CancellationToken.None);
        await store.SavePollStateAsync(new FeedRecord("quiet", "https://quiet.example/feed", ItemKeys: [], Arrivals: ArrivalLog.Empty, Texts: TextLog.Empty), CancellationToken.None);

        var wire = (await store.GetAsync("wire", CancellationToken.None))!;
        Assert.Equal(["0123456789abcdef", "fedcba9876543210"], wire.ItemKeys);
        Assert.Equal(arrivals.Entries, wire.Arrivals!.Entries);
        Assert.Equal(texts.Items, wire.Texts!.Items);
        var quiet = (await store.GetAsync("quiet", CancellationToken.None))!;
        Assert.Equal((null, null, null), (quiet.ItemKeys, quiet.Arrivals, quiet.Texts));
    }

    [Fact]
    public async Task A_listing_holds_everything_a_feeds_row_says_but_its_item_keys()
    {
        var store = await NewStoreAsync();
        await store.AddMissingAsync([new FeedRecord("wire", "https://news.example/feed", "Wire", "en", FullTextMode.Always)], CancellationToken.None);
        var arrivals = ArrivalLog.Empty.Add(Noon.AddHours(-2), 3).Add(Noon, 1);
        var texts = TextLog.Empty.Add([new TextLog.Item(131, Stub: true, ReadInFull: true)]);
        await store.SavePollStateAsync(new FeedRecord("wire", "https://news.example/moved", ETag: "\"e1\"", LastModified: Noon.AddHours(-1), LastPolledAt: Noon, NextPollAt: Noon.AddMinutes(10), LastStatus: PollStatus.Failed, ConsecutiveFailures: 2, LastError: "timed out", ArticleCount: 4, ItemKeys: ["0123456789abcdef"], LastNewArticleAt: Noon.AddHours(-2), Arrivals: arrivals, VerifiedAt: Noon.AddDays(-1), Texts: texts), CancellationToken.None);

        var listed = Assert.Single(await store.ListAsync(CancellationToken.None));

        var row = (await store.GetAsync("wire", CancellationToken.None))!;
        Assert.Equal(["0123456789abcdef"], row.ItemKeys);
        Assert.Null(listed.ItemKeys);
        Assert.Equal(row with { ItemKeys = null, Arrivals = null, Texts = null }, listed with { Arrivals = null, Texts = null });
        Assert.Equal(arrivals.Entries, listed.Arrivals!.Entries);
        Assert.Equal(texts.Items, listed.Texts!.Items);
    }

    [Fact]
    public async Task A_dispatch_lists_each_feeds_schedule_as_stored_and_none_of_its_item_keys_or_logs()
    {
        var store = await NewStoreAsync();
        await store.AddMissingAsync([new FeedRecord("wire", "https://news.example/feed", "Wire", "en"), new FeedRecord("quiet", "https://quiet.example/feed")], CancellationToken.None);
        await store.SavePollStateAsync(new FeedRecord("wire", "https://news.example/moved", ETag: "\"e1\"", LastModified: Noon.AddHours(-1), LastPolledAt: Noon, NextPollAt: Noon.AddMinutes(10), LastStatus: PollStatus.Ok, ArticleCount: 2, ItemKeys: ["0123456789abcdef", "fedcba9876543210"], Arrivals: ArrivalLog.Empty.Add(Noon, 2)), CancellationToken.None);
        await store.SetEnabledAsync("quiet", enabled: false, PollStatus.Removed, CancellationToken.None);

        var schedules = (await store.ListSchedulesAsync(CancellationToken.None)).OrderBy(f => f.Id, StringComparer.Ordinal).ToList();

        var full = (await store.ListAsync(CancellationToken.None)).OrderBy(f => f.Id, StringComparer.Ordinal).ToList();
        Assert.Equal(full.Select(f => f.Schedule()), schedules);
        var wire = schedules[1];
        Assert.Equal(("https://news.example/moved", "\"e1\"", Noon.AddHours(-1), Noon.AddMinutes(10), true), (wire.Url, wire.ETag, wire.LastModified!.Value, wire.NextPollAt!.Value, wire.Enabled));
        Assert.Equal(full[1].RowVersion, wire.RowVersion);
        Assert.Equal((null, null, null, 0), (wire.ItemKeys, wire.Arrivals, wire.Title, wire.ArticleCount));
        Assert.False(schedules[0].Enabled);
    }

    [Fact]
    public async Task A_ticks_leases_of_more_feeds_than_one_write_holds_are_written_over_the_rows_as_listed_and_change_nothing_else()
    {
        var store = await NewStoreAsync();
        var ids = Enumerable.Range(0, 250).Select(n => $"feed-{n:D3}").ToList();
        foreach (var id in ids)
        {
            await store.AddIfMissingAsync(new FeedRecord(id, $"https://news.example/{id}.xml", Title: id), CancellationToken.None);
        }

        var listed = await store.ListAsync(CancellationToken.None);
        await store.SavePollStateAsync(listed.Single(f => f.Id == "feed-042") with { LastStatus = PollStatus.NotModified }, CancellationToken.None);

        var leased = await store.LeaseAsync([.. listed.Select(f => new FeedLease(f.Id, Noon.AddSeconds(ids.IndexOf(f.Id)), f.RowVersion))], CancellationToken.None);
        var again = await store.LeaseAsync([.. listed.Select(f => new FeedLease(f.Id, Noon.AddHours(1), f.RowVersion))], CancellationToken.None);

        // The feed whose poll saved its state after the list is left to the next tick; so is every feed the second
        // time, as its row changed with the first lease.
        Assert.Equal(ids.Where(id => id != "feed-042"), leased.Order(StringComparer.Ordinal));
        Assert.Empty(again);
        var stored = (await store.ListAsync(CancellationToken.None)).OrderBy(f => f.Id, StringComparer.Ordinal).ToList();
        Assert.Equal(ids.Select((id, n) => id == "feed-042" ? (DateTimeOffset?)null : Noon.AddSeconds(n)), stored.Select(f => f.NextPollAt));
        Assert.Equal(ids, stored.Select(f => f.Title));
        Assert.All(stored, f => Assert.True(f.Enabled));
    }

    [Fact]
    public async Task A_lease_moves_the_next_poll_and_disabling_records_why()
    {
        var store = await NewStoreAsync();
        await store.AddIfMissingAsync(new FeedRecord("wire", "https://news.example/feed"), CancellationToken.None);

        await store.LeaseAsync([new FeedLease("wire", Noon.AddMinutes(5))], CancellationToken.None);
        await store.SetEnabledAsync("wire", false, PollStatus.Removed, CancellationToken.None);

        var stored = (await store.GetAsync("wire", CancellationToken.None))!;
        Assert.Equal((Noon.AddMinutes(5), false, PollStatus.Removed), (stored.NextPollAt!.Value, stored.Enabled, stored.LastStatus));
        Assert.Equal("https://news.example/feed", stored.Url);
        Assert.Single(await store.ListAsync(CancellationToken.None));
    }
}

public sealed class FeedTableContractTests(StorageFixture storage) : FeedStoreContract, IClassFixture<StorageFixture>
{
    protected override async Task<IFeedStore> NewStoreAsync() => new FeedTable(await storage.NewTableAsync());
}

public sealed class InMemoryFeedStoreContractTests : FeedStoreContract
{
    protected override Task<IFeedStore> NewStoreAsync() => Task.FromResult<IFeedStore>(new InMemoryFeedStore());
}
