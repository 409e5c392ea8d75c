using Ingest.Core.Model;
using Ingest.Core.Subscriptions;
using Ingest.Storage.Stores;
using Ingest.Testing;
using Ingest.Testing.Fakes;

namespace Ingest.Storage.Tests.Contracts;

/// <summary>What every <see cref="ISubscriberStore"/> does: conditional writes against the version read, and the hourly confirmation count.</summary>
public abstract class SubscriberStoreContract
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    protected abstract Task<ISubscriberStore> NewStoreAsync();

    private static Subscriber Reader(string id) =>
        new(id, $"{id}@example.org", SubscriberStatus.Pending, ["kfor"], Frequency.Daily, 7, "Europe/Belgrade", DayOfWeek.Monday, null, Noon);

    [Fact]
    public async Task A_conditional_write_wins_once_against_the_version_it_read()
    {
        var store = await NewStoreAsync();

        Assert.True(await store.TrySaveAsync(Reader("r1"), CancellationToken.None));
        Assert.False(await store.TrySaveAsync(Reader("r1"), CancellationToken.None));

        var read = (await store.GetAsync("r1", CancellationToken.None))!;
        Assert.NotNull(read.ETag);
        Assert.True(await store.TrySaveAsync(read with { Status = SubscriberStatus.Active }, CancellationToken.None));
        Assert.False(await store.TrySaveAsync(read with { Status = SubscriberStatus.Unsubscribed }, CancellationToken.None));
        Assert.Equal(SubscriberStatus.Active, (await store.GetAsync("r1", CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task A_plain_save_overwrites_and_every_subscriber_is_listed()
    {
        var store = await NewStoreAsync();

        await store.SaveAsync(Reader("r1"), CancellationToken.None);
        await store.SaveAsync(Reader("r2") with { Topics = ["kfor", "arms"], MinScore = 6 }, CancellationToken.None);
        await store.SaveAsync(Reader("r1") with { Frequency = Frequency.Weekly }, CancellationToken.None);

        var all = await store.ListAsync(CancellationToken.None);
        Assert.Equal(["r1", "r2"], all.Select(s => s.Id).Order(StringComparer.Ordinal));
        Assert.Equal(Frequency.Weekly, all.Single(s => s.Id == "r1").Frequency);
        Assert.Equal(["kfor", "arms"], all.Single(s => s.Id == "r2").Topics);
        Assert.Equal(6.0, all.Single(s => s.Id == "r2").MinScore);
        Assert.Null(await store.GetAsync("absent", CancellationToken.None));
    }

    [Fact]
    public async Task Watches_are_kept_as_written_and_only_active_subscribers_watches_are_listed()
    {
        var store = await NewStoreAsync();
        string[] written = ["Вучић \"Brisel, Belgija\" -fudbal", "ferry NEAR/3 strike lang:en"];

        await store.SaveAsync(Reader("r1") with { Status = SubscriberStatus.Active, Watches = written }, CancellationToken.None);
        await store.SaveAsync(Reader("r2") with { Watches = ["pending watch"] }, CancellationToken.None);
        await store.SaveAsync(Reader("r3") with { Status = SubscriberStatus.Unsubscribed, Watches = ["gone watch"] }, CancellationToken.None);
        await store.SaveAsync(Reader("r4") with { Status = SubscriberStatus.Active }, CancellationToken.None);

        Assert.Equal(written, (await store.GetAsync("r1", CancellationToken.None))!.Watches);
        Assert.Null((await store.GetAsync("r4", CancellationToken.None))!.Watches);
        Assert.Equal(written.Order(StringComparer.Ordinal), (await ((IWatchList)store).ListWatchesAsync(CancellationToken.None)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Push_endpoints_are_kept_with_their_kind_address_and_secret()
    {
        var store = await NewStoreAsync();
        PushEndpoint[] endpoints =
        [
            new("e-1", PushKind.Webhook, new Uri("https://hooks.newsroom.example/ingest?team=balkans"), Noon, "whsec_abc"),
            new("e-2", PushKind.Teams, new Uri("https://teams.example/workflows/42"), Noon.AddMinutes(5)),
        ];

        await store.SaveAsync(Reader("r1") with { Status = SubscriberStatus.Active, Endpoints = endpoints }, CancellationToken.None);
        await store.SaveAsync(Reader("r2") with { Status = SubscriberStatus.Active }, CancellationToken.None);

        Assert.Equal(endpoints, (await store.GetAsync("r1", CancellationToken.None))!.Endpoints);
        Assert.Null((await store.GetAsync("r2", CancellationToken.None))!.Endpoints);
        Assert.Equal(endpoints, (await store.ListAsync(CancellationToken.None)).Single(s => s.Id == "r1").Endpoints);
    }

    [Fact]
    public async Task Confirmations_are_counted_per_hour_up_to_the_limit()
    {
        var store = await NewStoreAsync();

        var thisHour = new[] { await Count(Noon), await Count(Noon.AddMinutes(10)), await Count(Noon.AddMinutes(59)) };
        var nextHour = await Count(Noon.AddHours(1));

        Assert.Equal([true, true, false], thisHour);
        Assert.True(nextHour);

        Task<bool> Count(DateTimeOffset at) => store.TryCountConfirmationAsync(at, 2, CancellationToken.None);
    }
}

public sealed class SubscriberTableContractTests(StorageFixture storage) : SubscriberStoreContract, IClassFixture<StorageFixture>
{
    protected override async Task<ISubscriberStore> NewStoreAsync() => new SubscriberTable(await storage.NewTableAsync());
}

public sealed class InMemorySubscriberStoreContractTests : SubscriberStoreContract
{
    protected override Task<ISubscriberStore> NewStoreAsync() => Task.FromResult<ISubscriberStore>(new InMemorySubscriberStore());
}
