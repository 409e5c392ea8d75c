using Ingest.Core.Model;
using Ingest.Storage;
using Ingest.Testing;
using static Ingest.EndToEnd.Tests.SampleFeeds;

namespace Ingest.EndToEnd.Tests;

/// <summary>
/// Stories through the running service: a report and its reprint in another feed are one story (one row in
/// <c>Stories</c>, its id on both articles' hits), and an immediate subscriber is alerted once for it; a new event
/// in the reprinting feed's next poll is alerted on its own.
/// </summary>
public sealed class StoryAlertTests
{
    private static readonly Story Crossing = new("jarinje", StoryTexts.CrossingTitle, StoryTexts.Crossing, DateTimeOffset.UtcNow.AddHours(-3));
    private static readonly Story Reprint = new("jarinje-open", StoryTexts.CrossingRetitled, StoryTexts.Crossing, DateTimeOffset.UtcNow.AddHours(-2));
    private static readonly Story Visit = new("commander-belgrade", StoryTexts.VisitTitle, StoryTexts.Visit, DateTimeOffset.UtcNow.AddHours(-1));

    [Fact]
    public async Task A_reprint_in_another_feed_joins_the_story_and_is_not_alerted_again()
    {
        using var maildev = await MaildevServer.StartAsync();
        await using var service = await ServiceUnderTest.StartAsync([("wire", "/wire.xml", false), ("desk", "/desk.xml", false)], feeds =>
        {
            feeds.MapText("/wire.xml", Rss(feeds.BaseUri, Crossing));
            feeds.MapText("/desk.xml", Rss(feeds.BaseUri, Reprint));
        }, settings: new Dictionary<string, string> { ["Smtp__Host"] = "127.0.0.1", ["Smtp__Port"] = maildev.SmtpPort.ToString(), ["Smtp__From"] = "Ingest <ingest@ingest.test>" });
        const string email = "stories@newsroom.example";
        await DigestTests.ActiveSubscriberAsync(service.Account, email, ["kfor"], Frequency.Immediate);

        await service.EnqueuePollAsync("wire", DateTimeOffset.UtcNow);
        await service.WaitForAsync(async () => (await maildev.MailsToAsync(email)).Count == 1, "the first report's alert");
        var polled = DateTimeOffset.UtcNow;
        await service.EnqueuePollAsync("desk", polled);
        await service.WaitForPollAsync("desk", polled.AddSeconds(-1));

        var stories = (await service.RowsAsync(StorageLayout.Stories)).Where(r => r.PartitionKey != "keys").ToList();
        var story = Assert.Single(stories);
        Assert.Equal(2, story.GetInt32("articleCount"));
        Assert.Equal("wire desk", story.GetString("feeds"));
        var hits = await service.RowsAsync(StorageLayout.Hits);
        Assert.Equal([story.RowKey, story.RowKey], hits.Where(h => h.PartitionKey == "kfor").Select(h => h.GetString("storyId")));

        // The desk's next poll brings another event: that one is news.
        service.Feeds.MapText("/desk.xml", Rss(service.Feeds.BaseUri, Reprint, Visit));
        await service.EnqueuePollAsync("desk", DateTimeOffset.UtcNow);
        await service.WaitForAsync(async () => (await maildev.MailsToAsync(email)).Count >= 2, "the new event's alert");
        var mails = await maildev.MailsToAsync(email);
        Assert.Equal(2, mails.Count);
        Assert.Contains(StoryTexts.CrossingTitle, mails[0].Text);
        Assert.Contains(StoryTexts.VisitTitle, mails[1].Text);
        Assert.DoesNotContain(StoryTexts.CrossingRetitled, mails[0].Text + mails[1].Text);
    }
}
