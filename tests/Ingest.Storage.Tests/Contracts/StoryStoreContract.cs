using Ingest.Core.Stories;
using Ingest.Storage.Stores;
using Ingest.Testing;

namespace Ingest.Storage.Tests.Contracts;

/// <summary>What every <see cref="IStoryStore"/> does: keys written all or none against the versions read, stories likewise.</summary>
public abstract class StoryStoreContract
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 7, 0, 0, TimeSpan.Zero);

    protected abstract Task<IStoryStore> NewStoreAsync();

    private static Story NewStory(string id) => new(
        id, StoryAssigner.Day(Monday), Monday, Monday, StoryTexts.CrossingTitle, new string('a', 64), "wire", 10, 1, ["wire"], ["kfor"],
        [new string('a', Story.MemberKeyLength)], [StorySignature.Of(StoryTexts.CrossingTitle, StoryTexts.Crossing)],
        EventProfile.Of(EventTerms.Of(StoryTexts.CrossingTitle, StoryTexts.Crossing)), Monday);

    private static StoryKey Key(string key, StoryKey? read, params string[] stories) =>
        new(key, [.. stories.Select(id => new StoryRef(id, StoryAssigner.Day(Monday), Monday))], read?.ETag);

    [Fact]
    public async Task Keys_are_written_all_or_none_and_only_over_the_version_read()
    {
        var store = await NewStoreAsync();

        Assert.True(await store.TryWriteKeysAsync([Key("k1", null, "s1"), Key("k2", null, "s1")], CancellationToken.None));
        Assert.False(await store.TryWriteKeysAsync([Key("k2", null, "s2"), Key("k3", null, "s2")], CancellationToken.None));
        var read = await store.FindKeysAsync(["k1", "k2", "k3"], CancellationToken.None);
        Assert.Equal([("k1", "s1"), ("k2", "s1")], read.Select(k => (k.Key, k.Stories.Single().Id)).Order());

        var k1 = read.Single(k => k.Key == "k1");
        Assert.True(await store.TryWriteKeysAsync([Key("k1", k1, "s2", "s1"), Key("k3", null, "s2")], CancellationToken.None));
        Assert.False(await store.TryWriteKeysAsync([Key("k1", k1, "s3", "s1")], CancellationToken.None));

        var shared = (await store.FindKeysAsync(["k1"], CancellationToken.None)).Single();
        Assert.Equal(["s2", "s1"], shared.Stories.Select(r => r.Id));
        Assert.Equal((StoryAssigner.Day(Monday), Monday), (shared.Stories[0].Partition, shared.Stories[0].At));
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
        Assert.Equal(saved.Signatures[0].Hashes, read.Signatures.Single().Hashes);
        Assert.Equal(saved.Profile.Serialize(), read.Profile.Serialize());
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
