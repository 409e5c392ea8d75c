using Ingest.Core.Stories;
using Ingest.Storage.Stores;
using Ingest.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Ingest.Storage.Tests;

/// <summary>Reports filed under stories in Azurite: reprints and other reports of the event join, other events stay apart, retries and races make one story.</summary>
public sealed class StoryAssignerTests(StorageFixture storage) : IClassFixture<StorageFixture>
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 7, 0, 0, TimeSpan.Zero);

    private static StoryReport Report(string key, string title, string text, string feed, DateTimeOffset at, double score = 10) =>
        new(key.PadRight(64, '0'), title, text, feed, at, ["kfor"], score);

    private async Task<(StoryAssigner Assigner, StoryTable Table)> NewAsync()
    {
        var table = new StoryTable(await storage.NewTableAsync());
        return (new StoryAssigner(table, new FakeTimeProvider(Monday.AddHours(1))), table);
    }

    [Fact]
    public async Task Reprints_across_feeds_retitled_trimmed_and_the_event_told_in_Serbian_in_both_scripts_join_one_story()
    {
        var (assigner, table) = await NewAsync();

        var first = await assigner.AssignAsync(Report("a1", StoryTexts.CrossingTitle, StoryTexts.Crossing, "wire", Monday), CancellationToken.None);
        var retitled = await assigner.AssignAsync(Report("a2", StoryTexts.CrossingRetitled, StoryTexts.Crossing, "desk", Monday.AddHours(1), score: 14), CancellationToken.None);
        var trimmed = await assigner.AssignAsync(Report("a3", StoryTexts.CrossingTitle, StoryTexts.CrossingTrimmed, "radio", Monday.AddHours(2)), CancellationToken.None);
        var serbian = await assigner.AssignAsync(Report("b1", StoryTexts.CrossingSerbianTitle, StoryTexts.CrossingSerbian, "beograd", Monday), CancellationToken.None);
        var cyrillic = await assigner.AssignAsync(Report("b2", StoryTexts.ToCyrillic(StoryTexts.CrossingSerbianTitle), StoryTexts.ToCyrillic(StoryTexts.CrossingSerbian), "rts", Monday.AddHours(3)), CancellationToken.None);

        Assert.True(first.IsNew);
        Assert.Equal([first.Story.Id, first.Story.Id], new[] { retitled.Story.Id, trimmed.Story.Id });
        Assert.False(retitled.IsNew || trimmed.IsNew);
        Assert.Equal([first.Story.Id, first.Story.Id], new[] { serbian.Story.Id, cyrillic.Story.Id });
        Assert.False(serbian.IsNew || cyrillic.IsNew);

        var stored = await table.GetAsync(first.Story.Partition, first.Story.Id, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal(5, stored.ArticleCount);
        Assert.Equal(["wire", "desk", "radio", "beograd", "rts"], stored.Feeds);
        Assert.Equal(("a2".PadRight(64, '0'), "desk"), (stored.BestArticleKey, stored.BestFeedId));
        Assert.Equal(StoryTexts.CrossingTitle, stored.Title);
        Assert.Single(await table.ListAsync(Monday.AddDays(-1), CancellationToken.None));
    }

    [Fact]
    public async Task Two_events_of_one_day_that_name_other_people_and_places_stay_apart()
    {
        var (assigner, _) = await NewAsync();

        var crossing = await assigner.AssignAsync(Report("a1", StoryTexts.CrossingTitle, StoryTexts.Crossing, "wire", Monday), CancellationToken.None);
        var deal = await assigner.AssignAsync(Report("c1", StoryTexts.ArmsDealTitle, StoryTexts.ArmsDeal, "wire", Monday.AddHours(2)), CancellationToken.None);

        Assert.True(deal.IsNew);
        Assert.NotEqual(crossing.Story.Id, deal.Story.Id);
    }

    [Fact]
    public async Task The_same_actors_a_month_later_are_another_event()
    {
        var (assigner, _) = await NewAsync();

        var crossing = await assigner.AssignAsync(Report("a1", StoryTexts.CrossingTitle, StoryTexts.Crossing, "wire", Monday), CancellationToken.None);
        var visit = await assigner.AssignAsync(Report("c1", StoryTexts.VisitTitle, StoryTexts.Visit, "wire", Monday.AddDays(30)), CancellationToken.None);

        Assert.True(visit.IsNew);
        Assert.NotEqual(crossing.Story.Id, visit.Story.Id);
    }

    [Fact]
    public async Task A_reprint_within_the_window_of_the_last_report_joins_and_one_past_it_starts_a_new_story()
    {
        var (assigner, _) = await NewAsync();
        var window = EventMatch.Window;

        var first = await assigner.AssignAsync(Report("a1", StoryTexts.CrossingTitle, StoryTexts.Crossing, "wire", Monday), CancellationToken.None);
        var inside = await assigner.AssignAsync(Report("a2", StoryTexts.CrossingRetitled, StoryTexts.Crossing, "desk", Monday + window - TimeSpan.FromMinutes(1)), CancellationToken.None);
        // The window runs from the story's last report: this one is a minute past it.
        var outside = await assigner.AssignAsync(Report("a3", StoryTexts.CrossingTitle, StoryTexts.Crossing, "radio", Monday + window + window), CancellationToken.None);

        Assert.Equal(first.Story.Id, inside.Story.Id);
        Assert.True(outside.IsNew);
        Assert.NotEqual(first.Story.Id, outside.Story.Id);
    }

    [Fact]
    public async Task A_retried_report_is_found_in_its_story_and_counted_once()
    {
        var (assigner, table) = await NewAsync();
        var report = Report("a1", StoryTexts.CrossingTitle, StoryTexts.Crossing, "wire", Monday);
        var reprint = Report("a2", StoryTexts.CrossingRetitled, StoryTexts.Crossing, "desk", Monday.AddHours(1));

        var first = await assigner.AssignAsync(report, CancellationToken.None);
        await assigner.AssignAsync(reprint, CancellationToken.None);
        var again = await assigner.AssignAsync(report, CancellationToken.None);
        var reprintAgain = await assigner.AssignAsync(reprint, CancellationToken.None);

        Assert.Equal(first.Story.Id, again.Story.Id);
        Assert.False(reprintAgain.IsNew);
        Assert.Equal(2, (await table.GetAsync(first.Story.Partition, first.Story.Id, CancellationToken.None))!.ArticleCount);
    }

    [Fact]
    public async Task Reprints_of_one_event_assigned_at_once_by_many_polls_make_one_story()
    {
        var table = await storage.NewTableAsync();
        const int polls = 12;
        // Every poll has its own assigner and client, as separate instances would.
        var assigners = Enumerable.Range(0, polls).Select(_ => new StoryAssigner(new StoryTable(table), TimeProvider.System)).ToList();
        var reports = Enumerable.Range(0, polls).Select(i => Report($"r{i:00}", i % 2 == 0 ? StoryTexts.CrossingTitle : StoryTexts.CrossingRetitled, StoryTexts.Crossing, $"feed-{i}", Monday.AddMinutes(i))).ToList();

        using var start = new Barrier(polls);
        var results = await Task.WhenAll(Enumerable.Range(0, polls).Select(i => Task.Run(() =>
        {
            start.SignalAndWait();
            return assigners[i].AssignAsync(reports[i], CancellationToken.None);
        })));

        Assert.Single(results.Select(r => r.Story.Id).Distinct());
        Assert.Single(results, r => r.IsNew);
        var story = await new StoryTable(table).GetAsync(results[0].Story.Partition, results[0].Story.Id, CancellationToken.None);
        Assert.Equal(polls, story!.ArticleCount);
        Assert.Equal(polls, story.Feeds.Count);
    }

    [Fact]
    public async Task Copies_filed_at_once_by_the_polls_of_one_instance_take_turns_so_each_after_the_founder_costs_one_write()
    {
        var table = new CountingStore(new StoryTable(await storage.NewTableAsync()));
        var assigner = new StoryAssigner(table, TimeProvider.System);
        const int copies = 12;

        using var start = new Barrier(copies);
        var results = await Task.WhenAll(Enumerable.Range(0, copies).Select(i => Task.Run(() =>
        {
            start.SignalAndWait();
            return assigner.AssignAsync(Report($"c{i:00}", StoryTexts.CrossingTitle, StoryTexts.Crossing, $"feed-{i}", Monday.AddMinutes(i)), CancellationToken.None);
        })));

        Assert.Single(results.Select(r => r.Story.Id).Distinct());
        var story = await table.GetAsync(results[0].Story.Partition, results[0].Story.Id, CancellationToken.None);
        Assert.Equal(copies, story!.ArticleCount);
        // The founder looks the keys up, claims them and writes the story; every other copy joins from memory. Racing
        // one another, the copies would lose writes and read the row again (well over twice as many calls).
        Assert.True(table.Calls <= copies + 3, $"{table.Calls} storage calls for {copies} copies");
    }

    [Fact]
    public async Task Reports_of_one_event_in_other_words_filed_at_once_by_one_instance_lose_no_write_to_each_other()
    {
        var table = new CountingStore(new StoryTable(await storage.NewTableAsync()));
        var assigner = new StoryAssigner(table, TimeProvider.System);
        const int reports = 12;
        // Each site adds its own line to the report and tells the event in English or Serbian, in either script: the
        // reports fall in different lanes, and only their turns at the story's row keep them from racing for it.
        (string Title, string Text) Told(int i)
        {
            var line = $" Desk {i} adds that {i + 2} crews and {i * 3 + 1} patrols watched the road until {i + 7} o'clock.";
            return (i % 3) switch
            {
                0 => (StoryTexts.CrossingTitle, StoryTexts.Crossing + line),
                1 => (StoryTexts.CrossingSerbianTitle, StoryTexts.CrossingSerbian + line),
                _ => (StoryTexts.ToCyrillic(StoryTexts.CrossingSerbianTitle), StoryTexts.ToCyrillic(StoryTexts.CrossingSerbian) + line),
            };
        }

        var founder = await assigner.AssignAsync(Report("f00", StoryTexts.CrossingTitle, StoryTexts.Crossing, "wire", Monday), CancellationToken.None);
        using var start = new Barrier(reports);
        var results = await Task.WhenAll(Enumerable.Range(0, reports).Select(i => Task.Run(() =>
        {
            start.SignalAndWait();
            var (title, text) = Told(i);
            return assigner.AssignAsync(Report($"e{i:00}", title, text, $"site-{i}", Monday.AddMinutes(i + 1)), CancellationToken.None);
        })));

        Assert.All(results, r => Assert.Equal(founder.Story.Id, r.Story.Id));
        var story = await table.GetAsync(founder.Story.Partition, founder.Story.Id, CancellationToken.None);
        Assert.Equal(reports + 1, story!.ArticleCount);
        Assert.Equal(0, table.LostSaves);
    }

    [Fact]
    public async Task A_storm_of_copies_is_counted_up_to_the_cap_and_past_it_filed_without_touching_storage()
    {
        var table = new CountingStore(new StoryTable(await storage.NewTableAsync()));
        var assigner = new StoryAssigner(table, new FakeTimeProvider(Monday.AddHours(1)));
        Story? story = null;
        for (var i = 0; i < Story.MaxMembers; i++)
        {
            story = (await assigner.AssignAsync(Report($"{i:x4}", StoryTexts.CrossingTitle, StoryTexts.Crossing, $"feed-{i % 40}", Monday), CancellationToken.None)).Story;
        }

        var callsBefore = table.Calls;
        var past = await assigner.AssignAsync(Report("ffff", StoryTexts.CrossingRetitled, StoryTexts.Crossing, "late", Monday.AddHours(5)), CancellationToken.None);
        Assert.Equal(callsBefore, table.Calls);
        var withTopic = await assigner.AssignAsync(Report("fffe", StoryTexts.CrossingTitle, StoryTexts.Crossing, "late", Monday.AddHours(5)) with { Topics = ["kfor", "ipap"] }, CancellationToken.None);

        Assert.Equal(story!.Id, past.Story.Id);
        Assert.True(table.Calls > callsBefore, "a copy that brings a topic goes to storage");
        var stored = await table.GetAsync(story.Partition, story.Id, CancellationToken.None);
        Assert.Equal(Story.MaxMembers + 1, stored!.ArticleCount);
        Assert.Equal(["ipap"], withTopic.AddedTopics);
        Assert.Equal(["kfor", "ipap"], stored.Topics);
    }

    /// <summary>The real store, counting the calls made to it.</summary>
    private sealed class CountingStore(IStoryStore inner) : IStoryStore
    {
        private int _calls;
        private int _lostSaves;

        public int Calls => _calls;

        /// <summary>Story writes refused because the row had changed since it was read.</summary>
        public int LostSaves => _lostSaves;

        public Task<IReadOnlyList<StoryKey>> FindKeysAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken) => Count(() => inner.FindKeysAsync(keys, cancellationToken));

        public Task<bool> TryWriteKeysAsync(IReadOnlyList<StoryKey> keys, CancellationToken cancellationToken) => Count(() => inner.TryWriteKeysAsync(keys, cancellationToken));

        public Task<Story?> GetAsync(string partition, string id, CancellationToken cancellationToken) => Count(() => inner.GetAsync(partition, id, cancellationToken));

        public async Task<Story?> TrySaveAsync(Story story, CancellationToken cancellationToken)
        {
            var saved = await Count(() => inner.TrySaveAsync(story, cancellationToken));
            if (saved is null)
            {
                Interlocked.Increment(ref _lostSaves);
            }

            return saved;
        }

        public Task<IReadOnlyList<Story>> ListAsync(DateTimeOffset since, CancellationToken cancellationToken) => Count(() => inner.ListAsync(since, cancellationToken));

        private Task<T> Count<T>(Func<Task<T>> call)
        {
            Interlocked.Increment(ref _calls);
            return call();
        }
    }
}
