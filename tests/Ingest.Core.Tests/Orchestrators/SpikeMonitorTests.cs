using Ingest.Core.Stories;
using Ingest.Testing;
using Ingest.Testing.Fakes;

namespace Ingest.Core.Tests.Orchestrators;

/// <summary>The spike monitor on the in-memory stores: a burst of new stories opens one spike, queued once, and it ends when the burst does.</summary>
public sealed class SpikeMonitorTests
{
    [Fact]
    public async Task A_burst_of_new_stories_opens_one_spike_queued_once_and_it_ends_when_the_hour_is_quiet()
    {
        var world = new FakeWorld();
        var breaking = new InMemoryQueue<Spike>(world.Clock);
        using var recorder = new MetricRecorder();
        var monitor = new SpikeMonitor(world.Stories, world.Spikes, breaking, SpikeRules.Default, world.Clock, recorder.Metrics);
        var assigner = new StoryAssigner(world.Stories, world.Clock);
        var texts = new[] { StoryTexts.CrossingTitle, StoryTexts.ArmsDealTitle, "Arms shipment reaches the port of Bar", "Parliament debates the defence budget", "A new radar joins the air defence of the north", "Ministers sign a procurement deal for drones" };
        for (var i = 0; i < texts.Length; i++)
        {
            world.Clock.Advance(TimeSpan.FromMinutes(5));
            await assigner.AssignAsync(new StoryReport($"k{i}".PadRight(64, '0'), texts[i], texts[i] + " " + new string('x', i), "wire", world.Clock.GetUtcNow(), ["kfor"], 9), CancellationToken.None);
        }

        var started = await monitor.RunAsync(["kfor", "arms"], CancellationToken.None);
        world.Clock.Advance(TimeSpan.FromMinutes(5));
        var still = await monitor.RunAsync(["kfor", "arms"], CancellationToken.None);
        world.Clock.Advance(TimeSpan.FromHours(2));
        var ended = await monitor.RunAsync(["kfor", "arms"], CancellationToken.None);

        Assert.StartsWith("kfor: spike started, 6 new stories", Assert.Single(started));
        Assert.Empty(still);
        Assert.StartsWith("kfor: spike ended", Assert.Single(ended));
        var queued = Assert.Single(breaking.Take());
        Assert.Equal(6, queued.StoryIds.Count);
        Assert.Null(await world.Spikes.GetOpenAsync("kfor", CancellationToken.None));
        Assert.Equal(1, recorder.Total("ingest.spikes", "ingest.topic=kfor", "ingest.outcome=started"));
        Assert.Equal(1, recorder.Total("ingest.spikes", "ingest.topic=kfor", "ingest.outcome=ended"));
        Assert.Equal(2, recorder.Of("ingest.spikes").Count);
    }

    [Fact]
    public async Task A_burst_of_reports_of_one_event_is_one_new_event_not_a_spike()
    {
        var world = new FakeWorld();
        var breaking = new InMemoryQueue<Spike>(world.Clock);
        var monitor = new SpikeMonitor(world.Stories, world.Spikes, breaking, SpikeRules.Default, world.Clock);
        var assigner = new StoryAssigner(world.Stories, world.Clock);
        var reports = new (string Title, string Text)[]
        {
            (StoryTexts.CrossingTitle, StoryTexts.Crossing),
            (StoryTexts.CrossingRetitled, StoryTexts.Crossing),
            (StoryTexts.CrossingTitle, StoryTexts.CrossingTrimmed),
            (StoryTexts.CrossingSerbianTitle, StoryTexts.CrossingSerbian),
            (StoryTexts.ToCyrillic(StoryTexts.CrossingSerbianTitle), StoryTexts.ToCyrillic(StoryTexts.CrossingSerbian)),
            (StoryTexts.CrossingRetitled, StoryTexts.CrossingTrimmed),
        };
        for (var i = 0; i < reports.Length; i++)
        {
            world.Clock.Advance(TimeSpan.FromMinutes(5));
            await assigner.AssignAsync(new StoryReport($"k{i}".PadRight(64, '0'), reports[i].Title, reports[i].Text, $"feed-{i}", world.Clock.GetUtcNow(), ["kfor"], 9), CancellationToken.None);
        }

        Assert.Empty(await monitor.RunAsync(["kfor"], CancellationToken.None));
        Assert.Empty(breaking.Take());
        Assert.Equal(6, Assert.Single(await world.Stories.ListAsync(world.Clock.GetUtcNow().AddHours(-1), CancellationToken.None)).ArticleCount);
    }
}
