using Ingest.Core.Stories;
using Ingest.Storage.Stores;
using Ingest.Testing;
using Ingest.Testing.Fakes;

namespace Ingest.Storage.Tests.Contracts;

/// <summary>What every <see cref="IStoryStore"/> does: band keys claimed all or none, stories written against the version read.</summary>
public abstract class StoryStoreContract
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 7, 0, 0, TimeSpan.Zero);

    protected abstract Task<IStoryStore> NewStoreAsync();

    private static Story NewStory(string id) => new(
        id, StoryAssigner.Day(Monday), Monday, Monday, StoryTexts.CrossingTitle, new string('a', 64), "wire", 10, 1, ["wire"], ["kfor"],
        [new string('a', Story.MemberKeyLength)], StorySignature.Of(StoryTexts.CrossingTitle, StoryTexts.Crossing), Monday);

    [Fact]
    public async Task Band_keys_are_claimed_all_or_none()
    {
        var store = await NewStoreAsync();
        var first = NewStory("s1");
        var second = NewStory("s2");

        Assert.True(await store.TryReserveKeysAsync(["k1", "k2"], [], first, Monday, CancellationToken.None));
        Assert.False(await store.TryReserveKeysAsync(["k2", "k3"], [], second, Monday, CancellationToken.None));

        var claims = await store.FindClaimsAsync(["k1", "k2", "k3"], CancellationToken.None);
        Assert.Equal([("k1", "s1"), ("k2", "s1")], claims.Select(c => (c.Key, c.StoryId)).Order());

        var stale = claims.Single(c => c.Key == "k1");
        Assert.True(await store.TryReserveKeysAsync(["k3"], [stale], second, Monday.AddDays(3), CancellationToken.None));
        Assert.False(await store.TryReserveKeysAsync([], [stale], first, Monday.AddDays(3), CancellationToken.None));
        Assert.Equal("s2", (await store.FindClaimsAsync(["k1"], CancellationToken.None)).Single().StoryId);
    }

    [Fact]
    public async Task A_story_is_written_once_and_then_only_against_the_version_read()
    {
        var store = await NewStoreAsync();

        var saved = await store.TrySaveAsync(NewStory("s1"), CancellationToken.None);
        Assert.NotNull(saved?.ETag);
        Assert.Null(await store.TrySaveAsync(NewStory("s1"), CancellationToken.None));

        var grown = await store.TrySaveAsync(saved! with { ArticleCount = 2, Feeds = ["wire", "desk"], LastSeen = Monday.AddHours(1) }, CancellationToken.None);
        Assert.NotNull(grown);
        Assert.Null(await store.TrySaveAsync(saved! with { ArticleCount = 3 }, CancellationToken.None));

        var read = (await store.GetAsync(saved!.Partition, "s1", CancellationToken.None))!;
        Assert.Equal((2, StoryTexts.CrossingTitle), (read.ArticleCount, read.Title));
        Assert.Equal(["wire", "desk"], read.Feeds);
        Assert.Equal(["s1"], (await store.ListAsync(Monday.AddHours(-1), CancellationToken.None)).Select(s => s.Id));
        Assert.Empty(await store.ListAsync(Monday.AddHours(1), CancellationToken.None));
    }
}

public sealed class StoryTableContractTests(StorageFixture storage) : StoryStoreContract, IClassFixture<StorageFixture>
{
    protected override async Task<IStoryStore> NewStoreAsync() => new StoryTable(await storage.NewTableAsync());
}

public sealed class InMemoryStoryStoreContractTests : StoryStoreContract
{
    protected override Task<IStoryStore> NewStoreAsync() => Task.FromResult<IStoryStore>(new InMemoryStoryStore());
}
