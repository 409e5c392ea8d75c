using System.Globalization;
using Ingest.Core.Model;
using Ingest.Storage;
using Ingest.Storage.Stores;
using Ingest.Testing;
using static Ingest.EndToEnd.Tests.SampleFeeds;

namespace Ingest.EndToEnd.Tests;

/// <summary>
/// Stories through the running service: a report and its reprint in another feed are one story (one row in
/// <c>Stories</c>, its id on both articles' hits), and an immediate subscriber is alerted once for it; a new event
/// in the reprinting feed's next poll is alerted on its own. Reports of one event in other words and languages are
/// one event too: one alert, one digest entry that lists them all.
/// </summary>
public sealed class StoryAlertTests
{
    private static readonly Story Crossing = new("jarinje", StoryTexts.CrossingTitle, StoryTexts.Crossing, DateTimeOffset.UtcNow.AddHours(-3));
    private static readonly Story Reprint = new("jarinje-open", StoryTexts.CrossingRetitled, StoryTexts.Crossing, DateTimeOffset.UtcNow.AddHours(-2));
    private static readonly Story Handover = new("hospital-prizren", StoryTexts.HandoverTitle, StoryTexts.Handover, DateTimeOffset.UtcNow.AddHours(-1));

    [Fact]
    public async Task A_reprint_in_another_feed_joins_the_story_and_is_not_alerted_again()
    {
        using var maildev = await MaildevServer.StartAsync();
        await using var service = await ServiceUnderTest.StartAsync([("wire", "/wire.xml", false), ("desk", "/desk.xml", false)], feeds =>
        {
            feeds.MapText("/wire.xml", Rss(feeds.BaseUri, Crossing));
            feeds.MapText("/desk.xml", Rss(feeds.BaseUri, Reprint));
        }, settings: new Dictionary<string, string> { ["Smtp__Host"] = "127.0.0.1", ["Smtp__Port"] = maildev.SmtpPort.ToString(CultureInfo.InvariantCulture), ["Smtp__From"] = "Ingest <ingest@ingest.test>" });
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
        service.Feeds.MapText("/desk.xml", Rss(service.Feeds.BaseUri, Reprint, Handover));
        await service.EnqueuePollAsync("desk", DateTimeOffset.UtcNow);
        await service.WaitForAsync(async () => (await maildev.MailsToAsync(email)).Count >= 2, "the new event's alert");
        var mails = await maildev.MailsToAsync(email);
        Assert.Equal(2, mails.Count);
        Assert.Contains(StoryTexts.CrossingTitle, mails[0].Text);
        Assert.Contains(StoryTexts.HandoverTitle, mails[1].Text);
        Assert.DoesNotContain(StoryTexts.CrossingRetitled, mails[0].Text + mails[1].Text);
    }

    [Fact]
    public async Task One_event_from_three_feeds_in_two_languages_and_both_scripts_is_one_alert_and_one_digest_entry_and_a_month_earlier_look_alike_stands_apart()
    {
        var serbian = new Story("jarinje-sr", StoryTexts.CrossingSerbianTitle, StoryTexts.CrossingSerbian, DateTimeOffset.UtcNow.AddHours(-2));
        var cyrillic = new Story("jarinje-cyr", StoryTexts.ToCyrillic(StoryTexts.CrossingSerbianTitle), StoryTexts.ToCyrillic(StoryTexts.CrossingSerbian), DateTimeOffset.UtcNow.AddHours(-1));
        var monthEarlier = new Story("commander-belgrade", StoryTexts.VisitTitle, StoryTexts.Visit, DateTimeOffset.UtcNow.AddDays(-30));
        using var maildev = await MaildevServer.StartAsync();
        await using var service = await ServiceUnderTest.StartAsync([("wire", "/wire.xml", false), ("beta", "/beta.xml", false), ("rts", "/rts.xml", false)], feeds =>
        {
            feeds.MapText("/wire.xml", Rss(feeds.BaseUri, monthEarlier, Crossing));
            feeds.MapText("/beta.xml", Rss(feeds.BaseUri, serbian));
            feeds.MapText("/rts.xml", Rss(feeds.BaseUri, cyrillic));
        }, settings: new Dictionary<string, string> { ["Smtp__Host"] = "127.0.0.1", ["Smtp__Port"] = maildev.SmtpPort.ToString(CultureInfo.InvariantCulture), ["Smtp__From"] = "Ingest <ingest@ingest.test>" });
        const string now = "events.now@newsroom.example", daily = "events.daily@newsroom.example";
        await DigestTests.ActiveSubscriberAsync(service.Account, now, ["kfor"], Frequency.Immediate);
        await DigestTests.ActiveSubscriberAsync(service.Account, daily, ["kfor"]);

        foreach (var feed in new[] { "wire", "beta", "rts" })
        {
            var polled = DateTimeOffset.UtcNow;
            await service.EnqueuePollAsync(feed, polled);
            await service.WaitForPollAsync(feed, polled.AddSeconds(-1));
        }

        var stories = (await service.RowsAsync(StorageLayout.Stories)).Where(r => r.PartitionKey != "keys").ToList();
        Assert.Equal(2, stories.Count);
        var crossing = Assert.Single(stories, s => s.GetInt32("articleCount") == 3);
        Assert.Equal("wire beta rts", crossing.GetString("feeds"));
        var period = new DigestPeriod(ServiceUnderTest.Ids.For(daily), "d-events", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddHours(1));
        await service.Account.GetQueueClient(QueueNames.Digests).SendMessageAsync(QueueJson.Write(period));
        await service.WaitForAsync(async () => (await maildev.MailsToAsync(daily)).Count == 1, "the digest");

        // The event is alerted once, with its first report; the later reports join it and bring no alert of their own.
        var alerts = await maildev.MailsToAsync(now);
        Assert.Single(alerts, m => m.Text!.Contains(StoryTexts.CrossingTitle, StringComparison.Ordinal));
        Assert.DoesNotContain(alerts, m => m.Text!.Contains(StoryTexts.CrossingSerbianTitle, StringComparison.Ordinal));
        var digest = Assert.Single(await maildev.MailsToAsync(daily));
        Assert.Equal("1 new: KFOR", digest.Subject[..11]);
        Assert.Contains("3 reports from 3 outlets:", digest.Text);
        Assert.Contains(StoryTexts.CrossingSerbianTitle, digest.Text);
        Assert.Contains(StoryTexts.ToCyrillic(StoryTexts.CrossingSerbianTitle), digest.Text);
        Assert.Single(digest.Text!.Split('\n'), line => line.StartsWith("* ", StringComparison.Ordinal));
    }
}
