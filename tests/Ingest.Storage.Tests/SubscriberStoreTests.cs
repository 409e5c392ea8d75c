using Ingest.Core.Model;
using Ingest.Core.Subscriptions;
using Ingest.Storage.Stores;
using Ingest.Testing;

namespace Ingest.Storage.Tests;

/// <summary>The Subscribers table's conditional writes: what keeps concurrent subscribe requests from mailing twice.</summary>
public sealed class SubscriberStoreTests(StorageFixture storage) : IClassFixture<StorageFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 15, 20, 0, TimeSpan.Zero);

    [Fact]
    public async Task Of_twenty_concurrent_claims_on_a_new_address_exactly_one_wins()
    {
        var store = new SubscriberTable(await storage.NewTableAsync());
        var pending = Pending("victim@example.org");

        var claims = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => store.TrySaveAsync(pending, CancellationToken.None)));

        Assert.Equal(1, claims.Count(c => c));
        Assert.NotNull((await store.GetAsync(pending.Id, CancellationToken.None))!.ETag);
    }

    [Fact]
    public async Task A_claim_on_a_row_read_before_another_write_loses()
    {
        var store = new SubscriberTable(await storage.NewTableAsync());
        await store.SaveAsync(Pending("reader@example.org"), CancellationToken.None);
        var read = (await store.GetAsync(new SubscriberIds("storage-tests-signing-key").For("reader@example.org"), CancellationToken.None))!;

        var first = await store.TrySaveAsync(read with { ConfirmationSentAt = Now }, CancellationToken.None);
        var second = await store.TrySaveAsync(read with { ConfirmationSentAt = Now.AddMinutes(1) }, CancellationToken.None);

        Assert.True(first);
        Assert.False(second);
        Assert.Equal(Now, (await store.GetAsync(read.Id, CancellationToken.None))!.ConfirmationSentAt);
    }

    [Fact]
    public async Task The_hourly_confirmation_count_stops_at_its_ceiling_under_concurrency_and_starts_again_next_hour()
    {
        var store = new SubscriberTable(await storage.NewTableAsync());

        var counted = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => store.TryCountConfirmationAsync(Now, 20, CancellationToken.None)));
        var nextHour = await store.TryCountConfirmationAsync(Now.AddHours(1), 20, CancellationToken.None);

        Assert.Equal(20, counted.Count(c => c));
        Assert.True(nextHour);
        Assert.Empty(await store.ListAsync(CancellationToken.None));
    }

    private static Subscriber Pending(string email) =>
        new(new SubscriberIds("storage-tests-signing-key").For(email), email, SubscriberStatus.Pending, ["kfor"], Frequency.Daily, 7, "Europe/Belgrade", DayOfWeek.Monday, null, Now, ConfirmationSentAt: Now);
}
