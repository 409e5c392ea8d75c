using Ingest.Core.Deliveries;
using Ingest.Storage.Stores;
using Ingest.Testing;
using Ingest.Testing.Fakes;

namespace Ingest.Storage.Tests.Contracts;

/// <summary>What every <see cref="IDeliveryStore"/> does: of two claims on one delivery exactly one wins, and the status lists.</summary>
public abstract class DeliveryStoreContract
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    protected abstract Task<IDeliveryStore> NewStoreAsync();

    [Fact]
    public async Task Of_two_claims_on_one_delivery_exactly_one_wins()
    {
        var store = await NewStoreAsync();
        var claim = new Delivery("r1", "d-2026-12-01", DeliveryStatus.Sending, Noon);

        var first = await Task.WhenAll(store.TryClaimAsync(claim, null, CancellationToken.None), store.TryClaimAsync(claim, null, CancellationToken.None));
        Assert.Equal(1, first.Count(won => won));

        var read = (await store.GetAsync("r1", "d-2026-12-01", CancellationToken.None))!;
        await store.SaveAsync(read with { Status = DeliveryStatus.Failed, Attempts = 1 }, CancellationToken.None);
        var failed = (await store.GetAsync("r1", "d-2026-12-01", CancellationToken.None))!;
        var retry = failed with { Status = DeliveryStatus.Sending };

        Assert.False(await store.TryClaimAsync(retry, read, CancellationToken.None));
        Assert.True(await store.TryClaimAsync(retry, failed, CancellationToken.None));
        Assert.False(await store.TryClaimAsync(retry, failed, CancellationToken.None));
        Assert.Equal(DeliveryStatus.Sending, (await store.GetAsync("r1", "d-2026-12-01", CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task The_status_lists_recent_and_failed_deliveries_of_every_recipient()
    {
        var store = await NewStoreAsync();
        await store.SaveAsync(new Delivery("r1", "old", DeliveryStatus.Failed, Noon.AddDays(-3), Error: "refused"), CancellationToken.None);
        await store.SaveAsync(new Delivery("r2", "new", DeliveryStatus.Sent, Noon, HitCount: 4, MessageId: "digest.r2.new@ingest"), CancellationToken.None);

        var recent = await store.ListUpdatedSinceAsync(Noon.AddDays(-1), CancellationToken.None);
        var failed = await store.ListFailedAsync(CancellationToken.None);

        Assert.Equal(("r2", "new", 4, "digest.r2.new@ingest"), (recent.Single().SubscriberId, recent.Single().PeriodId, recent.Single().HitCount, recent.Single().MessageId));
        Assert.Equal(("r1", "refused"), (failed.Single().SubscriberId, failed.Single().Error));
    }

    [Fact]
    public async Task A_recipients_latest_delivery_is_the_one_that_changed_last_and_no_one_elses()
    {
        var store = await NewStoreAsync();
        await store.SaveAsync(new Delivery("r1~e-1", "a-2", DeliveryStatus.Failed, Noon, Error: "answered 410 Gone"), CancellationToken.None);
        await store.SaveAsync(new Delivery("r1~e-1", "a-1", DeliveryStatus.Sent, Noon.AddHours(-1)), CancellationToken.None);
        await store.SaveAsync(new Delivery("r1", "a-3", DeliveryStatus.Sent, Noon.AddHours(1)), CancellationToken.None);

        var latest = await store.LatestOfAsync("r1~e-1", CancellationToken.None);

        Assert.Equal(("a-2", DeliveryStatus.Failed, "answered 410 Gone"), (latest!.PeriodId, latest.Status, latest.Error));
        Assert.Null(await store.LatestOfAsync("r2", CancellationToken.None));
    }
}

public sealed class DeliveryTableContractTests(StorageFixture storage) : DeliveryStoreContract, IClassFixture<StorageFixture>
{
    protected override async Task<IDeliveryStore> NewStoreAsync() => new DeliveryTable(await storage.NewTableAsync());
}

public sealed class InMemoryDeliveryStoreContractTests : DeliveryStoreContract
{
    protected override Task<IDeliveryStore> NewStoreAsync() => Task.FromResult<IDeliveryStore>(new InMemoryDeliveryStore());
}
