using System.Globalization;
using Ingest.Core.Model;
using Ingest.Storage;
using Ingest.Storage.Stores;
using Ingest.Testing;
using static Ingest.EndToEnd.Tests.SampleFeeds;

namespace Ingest.EndToEnd.Tests;

/// <summary>
/// Two instances of the service (two <c>ingest host</c> and worker pairs) on one storage account and one feed farm,
/// as Azure scales Ingest out: both timers race for the same due feeds and both workers take from the same queues,
/// yet every feed is fetched once, every article stored once, every story alerted once, and two outlets' reports of
/// one event are one story.
/// </summary>
public sealed class TwoInstanceTests
{
    private static readonly string[] Places = ["Zubin Potok", "Leposavić", "Zvečan", "Jarinje", "Brnjak", "Mitrovica", "Gnjilane", "Prizren", "Peć", "Uroševac", "Dečani", "Kačanik", "Podujevo", "Štrpce", "Gračanica", "Vitina"];

    private static readonly string[] Actions = ["opens a field hospital", "escorts a fuel convoy", "clears a roadblock", "trains with the Kosovo police", "repairs a bridge", "hands over a checkpoint", "holds a night exercise", "meets the mayors"];

    [Fact]
    public async Task Two_instances_fetch_each_feed_once_store_each_article_once_alert_each_story_once_and_keep_one_story_per_event()
    {
        const int feedCount = 8;
        var published = DateTimeOffset.UtcNow.AddHours(-1);
        var shared = new Story("merdare-smugglers", "KFOR troops detain 14 smugglers at the Merdare crossing", "KFOR troops detained 14 suspected smugglers at the Merdare crossing on Tuesday night, the mission said; the men were handed to the Kosovo police.", published);
        var feeds = Enumerable.Range(0, feedCount).Select(f => Enumerable.Range(0, 2).Select(n => Event(f, n, published)).ToList()).ToList();
        feeds[1].Add(shared with { Slug = "merdare-smugglers-report" });
        feeds[0].Add(shared);

        using var maildev = await MaildevServer.StartAsync();
        await using var service = await ServiceUnderTest.StartAsync([], server =>
        {
            for (var f = 0; f < feedCount; f++)
            {
                server.MapText($"/f{f}.xml", Rss(new Uri(server.BaseUri, $"f{f}/"), [.. feeds[f]]));
            }
        },
        pollSchedule: "*/2 * * * * *",
        settings: new Dictionary<string, string>
        {
            ["Smtp__Host"] = "127.0.0.1",
            ["Smtp__Port"] = maildev.SmtpPort.ToString(CultureInfo.InvariantCulture),
            ["Smtp__From"] = "Ingest <ingest@ingest.test>",
            ["PollInterval"] = "00:10:00",
        });
        using var second = await service.StartAnotherInstanceAsync();
        const string email = "kosovo.desk@newsroom.example";
        await new SubscriberTable(service.Account.GetTableClient(StorageLayout.Subscribers)).SaveAsync(
            new Subscriber(ServiceUnderTest.Ids.For(email), email, SubscriberStatus.Active, ["kfor"], Frequency.Immediate, 7, "UTC", DayOfWeek.Monday, null, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow),
            CancellationToken.None);

        // Both instances are up before there is anything to poll: from here their timers race for the same feeds.
        var feedTable = new FeedTable(service.Account.GetTableClient(StorageLayout.Feeds));
        for (var f = 0; f < feedCount; f++)
        {
            await feedTable.AddIfMissingAsync(new FeedRecord($"f{f}", service.Feeds.Url($"/f{f}.xml").AbsoluteUri, Language: "en"), CancellationToken.None);
        }

        await service.WaitForAsync(async () => (await Task.WhenAll(Enumerable.Range(0, feedCount).Select(f => service.FeedAsync($"f{f}")))).All(r => r.LastPolledAt is not null), "a poll of every feed", seconds: 180);
        var hits = (await service.RowsAsync(StorageLayout.Hits)).Where(h => h.PartitionKey == "kfor").ToList();
        var stories = hits.GroupBy(h => h.GetString("storyId")).ToList();
        await service.WaitForAsync(async () =>
        {
            var sent = await maildev.MailsToAsync(email);
            return stories.All(s => Alerted(s, sent) >= 1);
        }, "an alert for every story", seconds: 180);
        var mails = await maildev.MailsToAsync(email);

        var fetched = Enumerable.Range(0, feedCount).Select(f => service.Feeds.Requests.Count(r => r.Path == $"/f{f}.xml")).ToList();
        Assert.True(fetched.All(n => n == 1), $"fetches per feed: {string.Join(", ", fetched)}\nfirst instance:\n{service.Host.Output}\nsecond instance:\n{second.Output}");
        Assert.Equal(feedCount * 2 + 2, await service.CountAsync(StorageLayout.Articles));
        Assert.Equal(feedCount * 2 + 2, hits.Count);
        Assert.All(stories, s => Assert.Equal(1, Alerted(s, mails)));
        var sharedHits = hits.Where(h => h.GetString("title") == shared.Title).ToList();
        Assert.Equal(2, sharedHits.Count);
        Assert.Single(sharedHits.Select(h => h.GetString("storyId")).Distinct());
        // Each mail reaches the server a moment before its delivery is marked sent.
        await service.WaitForAsync(async () => (await DeliveriesToAsync(service, email)).All(d => d.GetString("status") == nameof(Ingest.Core.Deliveries.DeliveryStatus.Sent)), "every delivery marked sent");
        Assert.Equal(mails.Count, (await DeliveriesToAsync(service, email)).Count);
    }

    /// <summary>In how many mails the story's reports are named (its titles), each mail counted once.</summary>
    private static async Task<List<Azure.Data.Tables.TableEntity>> DeliveriesToAsync(ServiceUnderTest service, string email) =>
        (await service.RowsAsync(StorageLayout.Deliveries)).Where(d => d.PartitionKey == ServiceUnderTest.Ids.For(email)).ToList();

    private static int Alerted(IGrouping<string?, Azure.Data.Tables.TableEntity> story, IReadOnlyList<ReceivedMail> mails)
    {
        var titles = story.Select(h => h.GetString("title")).OfType<string>().Distinct().ToList();
        return mails.Count(m => titles.Any(t => (m.Text ?? "").Contains(t, StringComparison.Ordinal)));
    }

    private static Story Event(int feed, int n, DateTimeOffset published)
    {
        var place = Places[(feed * 2) + n];
        var action = Actions[((feed * 2) + n) % Actions.Length];
        var soldiers = 20 + (feed * 7) + (n * 3);
        return new Story($"event-{feed}-{n}", $"KFOR {action} near {place}", $"The NATO-led KFOR mission {action.Split(' ')[0]} near {place} with {soldiers} soldiers this week, its command said in Pristina.", published);
    }
}
