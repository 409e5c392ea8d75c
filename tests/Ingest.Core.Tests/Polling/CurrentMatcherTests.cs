using Ingest.Core.Model;
using Ingest.Core.Polling;
using Ingest.Core.Topics;
using Ingest.Testing;
using Ingest.Testing.Fakes;

namespace Ingest.Core.Tests.Polling;

public sealed class CurrentMatcherTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);

    private static readonly TopicMatcher Topics = new(TopicModelLoader.Load("""
        {"version":1,"titleBoost":2,"topics":[{"id":"ferries","title":"Ferries","description":"d","threshold":2,
         "terms":[{"forms":["ferry"],"weight":2}]}]}
        """));

    private readonly ManualTimeProvider _clock = new(Start);
    private readonly InMemorySubscriberStore _subscribers = new();

    private Task Subscribe(string id, SubscriberStatus status, params string[] watches) =>
        _subscribers.SaveAsync(new Subscriber(id, $"{id}@example.org", status, [], Frequency.Immediate, 7, "UTC", DayOfWeek.Monday, null, Start, Watches: watches), CancellationToken.None);

    private static async Task<IReadOnlyList<string>> WatchHits(CurrentMatcher matchers, string text) =>
        [.. (await matchers.GetAsync(CancellationToken.None)).Match("", text).Select(h => h.TopicId).Where(WatchQuery.IsWatchId)];

    [Fact]
    public async Task A_new_watch_is_looked_for_once_the_list_is_read_again_and_only_for_active_subscribers()
    {
        using var matchers = new CurrentMatcher(Topics, _subscribers, _clock);
        await Subscribe("a", SubscriberStatus.Active, "lighthouse");
        Assert.Equal([WatchQuery.Parse("lighthouse").Id], await WatchHits(matchers, "The lighthouse and the harbour."));

        await Subscribe("b", SubscriberStatus.Active, "harbour");
        await Subscribe("c", SubscriberStatus.Pending, "the");
        Assert.Single(await WatchHits(matchers, "The lighthouse and the harbour."));

        _clock.Advance(CurrentMatcher.RefreshInterval);
        Assert.Equal(2, (await WatchHits(matchers, "The lighthouse and the harbour.")).Count);
    }

    [Fact]
    public async Task The_same_watches_read_again_keep_the_compiled_matcher()
    {
        using var matchers = new CurrentMatcher(Topics, _subscribers, _clock);
        await Subscribe("a", SubscriberStatus.Active, "lighthouse");
        var first = await matchers.GetAsync(CancellationToken.None);

        await Subscribe("b", SubscriberStatus.Active, "LIGHTHOUSE");
        _clock.Advance(CurrentMatcher.RefreshInterval);

        Assert.Same(first, await matchers.GetAsync(CancellationToken.None));
    }

    [Fact]
    public async Task An_unreadable_list_keeps_the_last_watches_for_a_while_and_then_fails_the_poll()
    {
        var list = new FailingList(_subscribers);
        using var matchers = new CurrentMatcher(Topics, list, _clock);
        await Subscribe("a", SubscriberStatus.Active, "lighthouse");
        Assert.Single(await WatchHits(matchers, "The lighthouse."));

        list.Failing = true;
        _clock.Advance(CurrentMatcher.RefreshInterval);
        Assert.Single(await WatchHits(matchers, "The lighthouse."));

        _clock.Advance(CurrentMatcher.StaleLimit);
        await Assert.ThrowsAsync<IOException>(() => WatchHits(matchers, "The lighthouse."));
    }

    private sealed class FailingList(IWatchList inner) : IWatchList
    {
        public bool Failing { get; set; }

        public Task<IReadOnlyList<string>> ListWatchesAsync(CancellationToken cancellationToken) =>
            Failing ? throw new IOException("the table is away") : inner.ListWatchesAsync(cancellationToken);
    }
}
