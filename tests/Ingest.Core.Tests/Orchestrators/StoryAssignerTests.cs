using Ingest.Core.Stories;
using Ingest.Testing;

namespace Ingest.Core.Tests.Orchestrators;

/// <summary>The story assigner on the in-memory story store: reprints join, other events stay apart, a retry files the same way.</summary>
public sealed class StoryAssignerTests
{
    private static StoryReport Report(string key, string title, string text, string feed, DateTimeOffset at, params string[] topics) =>
        new(key.PadRight(64, '0'), title, text, feed, at, topics.Length == 0 ? ["kfor"] : topics, 9);

    [Fact]
    public async Task A_reprint_joins_its_story_bringing_only_new_topics_and_another_event_founds_its_own()
    {
        var world = new FakeWorld();
        var assigner = new StoryAssigner(world.Stories, world.Clock);
        var at = world.Clock.GetUtcNow();

        var first = await assigner.AssignAsync(Report("a1", StoryTexts.CrossingTitle, StoryTexts.Crossing, "wire", at), CancellationToken.None);
        var reprint = await assigner.AssignAsync(Report("a2", StoryTexts.CrossingRetitled, StoryTexts.Crossing, "desk", at.AddHours(1), "kfor", "normalisation"), CancellationToken.None);
        var other = await assigner.AssignAsync(Report("c1", StoryTexts.ArmsDealTitle, StoryTexts.ArmsDeal, "wire", at.AddHours(2)), CancellationToken.None);

        Assert.True(first.IsNew);
        Assert.Equal((first.Story.Id, false), (reprint.Story.Id, reprint.IsNew));
        Assert.Equal(["normalisation"], reprint.AddedTopics);
        Assert.True(other.IsNew);
        Assert.NotEqual(first.Story.Id, other.Story.Id);
        var stored = await world.Stories.GetAsync(first.Story.Partition, first.Story.Id, CancellationToken.None);
        Assert.Equal(2, stored!.ArticleCount);
        Assert.Equal(["wire", "desk"], stored.Feeds);
    }

    [Fact]
    public async Task A_retried_report_is_filed_under_the_same_story_and_counted_once()
    {
        var world = new FakeWorld();
        var at = world.Clock.GetUtcNow();
        var report = Report("a1", StoryTexts.CrossingTitle, StoryTexts.Crossing, "wire", at);

        var first = await new StoryAssigner(world.Stories, world.Clock).AssignAsync(report, CancellationToken.None);
        var retried = await new StoryAssigner(world.Stories, world.Clock).AssignAsync(report, CancellationToken.None);

        Assert.Equal(first.Story.Id, retried.Story.Id);
        Assert.Equal(1, (await world.Stories.GetAsync(first.Story.Partition, first.Story.Id, CancellationToken.None))!.ArticleCount);
    }

    [Fact]
    public async Task Two_events_of_one_day_that_share_only_one_person_named_in_full_stay_apart()
    {
        var world = new FakeWorld();
        var assigner = new StoryAssigner(world.Stories, world.Clock);
        var at = world.Clock.GetUtcNow();

        var pipeline = await assigner.AssignAsync(
            Report("p1", "Pipeline talks in Budapest", "On Tuesday President Aleksandar Vučić spent the morning with Prime Minister Viktor Orbán discussing an oil line from Szeged, and Vučić said a deal could follow by spring.", "wire", at),
            CancellationToken.None);
        var motorway = await assigner.AssignAsync(
            Report("m1", "A motorway section opens near Čačak", "On Tuesday afternoon Aleksandar Vučić cut the ribbon on the Preljina stretch; Vučić thanked the builders from Koridori Srbije and promised the next section by June.", "desk", at.AddHours(3)),
            CancellationToken.None);

        Assert.True(motorway.IsNew);
        Assert.NotEqual(pipeline.Story.Id, motorway.Story.Id);
    }

    [Fact]
    public async Task A_meeting_and_a_phone_call_of_the_same_two_presidents_a_day_apart_are_two_events_each_joined_across_languages()
    {
        // Names, places and numbers are the same in both; only what the headline and lead say happened tells them apart.
        var world = new FakeWorld();
        var assigner = new StoryAssigner(world.Stories, world.Clock);
        var at = world.Clock.GetUtcNow();

        var meeting = await assigner.AssignAsync(
            Report("m1", "Vučić and Putin meet in Sochi over gas", "Serbian President Aleksandar Vučić met Russian President Vladimir Putin in Sochi on Thursday. Their talks were about the price of gas from Gazprom for the winter, and Vučić said Serbia hopes for a lower price.", "wire", at),
            CancellationToken.None);
        var meetingInSerbian = await assigner.AssignAsync(
            Report("m2", "Vučić i Putin na sastanku u Sočiju", "Predsednik Srbije Aleksandar Vučić sastao se danas u Sočiju sa predsednikom Rusije Vladimirom Putinom. Razgovarali su o ceni gasa iz Gazproma za narednu zimu.", "desk", at.AddHours(3)),
            CancellationToken.None);
        var call = await assigner.AssignAsync(
            Report("c1", "Vučić and Putin talk gas by phone", "Aleksandar Vučić said after a telephone conversation with Vladimir Putin that Serbia will keep buying gas from Gazprom at the price discussed in Sochi.", "wire", at.AddHours(26)),
            CancellationToken.None);
        var callInCyrillic = await assigner.AssignAsync(
            Report("c2", "Вучић телефоном са Путином о гасу", "Председник Србије Александар Вучић разговарао је телефоном са председником Русије Владимиром Путином о испорукама гаса из Гаспрома.", "radio", at.AddHours(28)),
            CancellationToken.None);

        Assert.Equal(meeting.Story.Id, meetingInSerbian.Story.Id);
        Assert.True(call.IsNew);
        Assert.NotEqual(meeting.Story.Id, call.Story.Id);
        Assert.Equal(call.Story.Id, callInCyrillic.Story.Id);
    }
}
