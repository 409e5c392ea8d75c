using Ingest.Core.Stories;
using Ingest.Storage.Stores;
using Ingest.Testing;
using Ingest.Testing.Fakes;

namespace Ingest.Storage.Tests.Contracts;

/// <summary>What every <see cref="ISpikeStore"/> does: a spike saved once, changed only against the version read, listed newest first.</summary>
public abstract class SpikeStoreContract
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    protected abstract Task<ISpikeStore> NewStoreAsync();

    private static Spike Started(string topic, DateTimeOffset at) => new(topic, at, null, 9, 1.5, 6, ["s1", "s2"]);

    [Fact]
    public async Task A_spike_is_saved_once_and_closed_only_against_the_version_read()
    {
        var store = await NewStoreAsync();

        Assert.True(await store.TrySaveAsync(Started("kfor", Noon), CancellationToken.None));
        Assert.False(await store.TrySaveAsync(Started("kfor", Noon), CancellationToken.None));
        var open = (await store.GetOpenAsync("kfor", CancellationToken.None))!;
        Assert.Equal(9, open.Peak);
        Assert.Equal(["s1", "s2"], open.StoryIds);

        Assert.True(await store.TrySaveAsync(open with { EndedAt = Noon.AddHours(2), Notified = true }, CancellationToken.None));
        Assert.False(await store.TrySaveAsync(open with { Peak = 12 }, CancellationToken.None));
        Assert.Null(await store.GetOpenAsync("kfor", CancellationToken.None));
        Assert.Null(await store.GetOpenAsync("arms", CancellationToken.None));
    }

    [Fact]
    public async Task Spikes_since_a_time_are_listed_newest_first_for_the_topics_asked()
    {
        var store = await NewStoreAsync();
        foreach (var spike in new[] { Started("kfor", Noon.AddDays(-20)) with { EndedAt = Noon.AddDays(-20).AddHours(1) }, Started("kfor", Noon.AddDays(-2)) with { EndedAt = Noon.AddDays(-2).AddHours(1) }, Started("kfor", Noon), Started("arms", Noon) })
        {
            await store.TrySaveAsync(spike, CancellationToken.None);
        }

        var listed = await store.ListAsync(["kfor"], Noon.AddDays(-14), CancellationToken.None);

        Assert.Equal([Noon, Noon.AddDays(-2)], listed.Select(s => s.StartedAt));
        Assert.All(listed, s => Assert.Equal("kfor", s.TopicId));
    }
}

public sealed class SpikeTableContractTests(StorageFixture storage) : SpikeStoreContract, IClassFixture<StorageFixture>
{
    protected override async Task<ISpikeStore> NewStoreAsync() => new SpikeTable(await storage.NewTableAsync());
}

public sealed class InMemorySpikeStoreContractTests : SpikeStoreContract
{
    protected override Task<ISpikeStore> NewStoreAsync() => Task.FromResult<ISpikeStore>(new InMemorySpikeStore());
}
