using System.Diagnostics;
using System.Text.Json;
using Ingest.Core.Model;
using Ingest.Storage;
using Ingest.Testing;
using Microsoft.AspNetCore.Http;
using static Ingest.EndToEnd.Tests.SampleFeeds;

namespace Ingest.EndToEnd.Tests;

/// <summary>Azurite + <c>ingest host</c> + the handler it runs + a loopback feed server: the pipeline as deployed.</summary>
public sealed class PipelineTests
{
    [Fact]
    public async Task A_timer_poll_stores_articles_and_hits_a_repeat_adds_nothing_and_a_changed_feed_adds_only_its_new_item()
    {
        var stories = new List<Story> { Kfor, Ipap, Chess };
        await using var service = await ServiceUnderTest.StartAsync(
            [("wire", "/wire.xml", false), ("moved-away", "/moved-away.xml", false)],
            feeds => feeds.Map("/wire.xml", context =>
            {
                context.Response.ContentType = "application/rss+xml";
                return context.Response.WriteAsync(Rss(feeds.BaseUri, [.. stories]));
            }),
            pollSchedule: "*/2 * * * * *");

        await service.WaitForAsync(async () => await service.CountAsync(StorageLayout.Articles) == 3, "the timer's first poll");
        Assert.Equal(
            new[] { $"ipap {Ipap.Title}", $"kfor {Kfor.Title}" },
            (await service.RowsAsync(StorageLayout.Hits)).Select(h => $"{h.PartitionKey} {h.GetString("title")}").Order());

        await service.WaitForAsync(async () => (await service.FeedAsync("moved-away")).LastPolledAt is not null, "a poll of the feed that is not there");

        // The feed and topic data are what this test is about; the verdict (and so 200 or 503) is StatusTests' subject.
        var body = await (await new HttpClient().GetAsync(new Uri(service.HttpBase, "api/status"))).Content.ReadAsStringAsync();
        var status = JsonDocument.Parse(body).RootElement;
        Assert.True(status.GetProperty("storage").GetProperty("reachable").GetBoolean(), body);
        var statusFeeds = status.GetProperty("feeds").EnumerateArray().ToDictionary(f => f.GetProperty("id").GetString()!);
        var feed = statusFeeds["wire"];
        Assert.Equal("ok", feed.GetProperty("lastStatus").GetString());
        Assert.Equal(3, feed.GetProperty("articles").GetInt32());
        // A catalogue address is a claim until it answers with a feed: one that never has is shown as unverified.
        Assert.True(feed.GetProperty("verified").GetBoolean());
        Assert.False(statusFeeds["moved-away"].GetProperty("verified").GetBoolean());
        Assert.Equal(Kfor.Title, status.GetProperty("topics").GetProperty("kfor").GetProperty("latest").GetProperty("title").GetString());

        var before = DateTimeOffset.UtcNow;
        await service.EnqueuePollAsync("wire", before);
        await service.EnqueuePollAsync("wire", before);
        await service.WaitForAsync(async () => (await service.FeedAsync("wire")).LastPolledAt > before && await QueueEmptyAsync(service), "two more polls");
        Assert.Equal(3, await service.CountAsync(StorageLayout.Articles));
        Assert.Equal(2, await service.CountAsync(StorageLayout.Hits));

        stories.Add(Arms);
        var changed = DateTimeOffset.UtcNow;
        await service.EnqueuePollAsync("wire", changed);
        await service.WaitForPollAsync("wire", changed);
        var articles = await service.RowsAsync(StorageLayout.Articles);
        Assert.Equal(4, articles.Count);
        Assert.Equal("arms", Assert.Single(articles, a => a.GetString("title") == Arms.Title).GetString("topics"));
        Assert.Equal(["arms", "ipap", "kfor"], (await service.RowsAsync(StorageLayout.Hits)).Select(h => h.PartitionKey).Order());
    }

    [Fact]
    public async Task A_message_that_keeps_failing_ends_in_the_poison_queue_after_five_tries()
    {
        await using var service = await ServiceUnderTest.StartAsync([("wire", "/wire.xml", false)], _ => { });

        await service.Account.GetQueueClient(QueueNames.FeedPolls).SendMessageAsync("poll everything, please");

        var poison = service.Account.GetQueueClient(QueueNames.Poison(QueueNames.FeedPolls));
        await service.WaitForAsync(async () => (await poison.PeekAllAsync()).Count == 1, "the move to feed-polls-poison");
        Assert.Equal("poll everything, please", (await poison.PeekAllAsync()).Single().MessageText);
        Assert.True(await QueueEmptyAsync(service));
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            Assert.Contains($"PollFeed (queue feed-polls, try {attempt})", service.Host.Output);
        }

        Assert.DoesNotContain("try 6", service.Host.Output);
        Assert.Contains("unreadable message", service.Host.Output);
    }

    [Fact]
    public async Task Killing_the_handler_in_the_middle_of_a_poll_loses_no_item_and_duplicates_none()
    {
        Story[] stories =
        [
            Kfor with { Slug = "kfor-1" },
            Kfor with { Slug = "kfor-2", Title = "KFOR patrols continue near Jarinje" },
            Kfor with { Slug = "kfor-3", Title = "KFOR commander meets Serbian army liaison officers" },
            Chess,
        ];
        var secondPageAsked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var service = await ServiceUnderTest.StartAsync(
            [("pages", "/pages.xml", true)],
            feeds =>
            {
                feeds.MapText("/pages.xml", Rss(feeds.BaseUri, stories));
                foreach (var story in stories)
                {
                    feeds.Map("/news/" + story.Slug, async context =>
                    {
                        if (story != stories[0])
                        {
                            secondPageAsked.TrySetResult();
                            await release.Task;
                        }

                        context.Response.ContentType = "text/html; charset=utf-8";
                        await context.Response.WriteAsync(Page(story));
                    });
                }
            });

        await service.EnqueuePollAsync("pages", DateTimeOffset.UtcNow);
        await secondPageAsked.Task.WaitAsync(TimeSpan.FromSeconds(60));
        Process.GetProcessById(service.HandlerPid).Kill();
        await service.WaitForAsync(() => Task.FromResult(service.HandlerStarts == 2), "the handler's restart");
        release.SetResult();

        await service.WaitForAsync(async () => (await service.FeedAsync("pages")).LastStatus == "ok" && await QueueEmptyAsync(service), "the retried poll");
        var articles = await service.RowsAsync(StorageLayout.Articles);
        Assert.Equal(stories.Select(s => s.Title).Order(), articles.Select(a => a.GetString("title")!).Order());
        var hits = await service.RowsAsync(StorageLayout.Hits);
        Assert.Equal(3, hits.Count);
        Assert.All(hits, h => Assert.Equal("kfor", h.PartitionKey));
        Assert.Equal(3, hits.Select(h => h.GetString("articleKey")).Distinct().Count());
        Assert.Contains("worker unavailable", service.Host.Output);
    }

    [Fact]
    public async Task A_catalogue_larger_than_the_queue_slots_shares_poll_messages_and_still_fetches_and_stores_each_feed_once()
    {
        const int feedCount = 40;
        var fetches = new int[feedCount];
        await using var service = await ServiceUnderTest.StartAsync(
            [.. Enumerable.Range(0, feedCount).Select(f => ($"section-{f:D2}", $"/section-{f:D2}.xml", (bool?)false))],
            feeds =>
            {
                for (var f = 0; f < feedCount; f++)
                {
                    var feed = f;
                    var story = Kfor with { Slug = $"kfor-section-{feed:D2}", Title = $"{Kfor.Title} ({feed + 1} of {feedCount})" };
                    feeds.Map($"/section-{feed:D2}.xml", context =>
                    {
                        Interlocked.Increment(ref fetches[feed]);
                        context.Response.ContentType = "application/rss+xml";
                        return context.Response.WriteAsync(Rss(feeds.BaseUri, story));
                    });
                }
            },
            // Every second: a tick is likely to come while the start-up import is still adding the forty feeds.
            pollSchedule: "* * * * * *",
            // Every feed is on the one loopback site: let them all be due at once, as forty feeds of forty sites would be.
            settings: new Dictionary<string, string> { ["Fetch__MaxConcurrencyPerHost"] = "64" });

        await service.WaitForAsync(async () => await service.CountAsync(StorageLayout.Articles) == feedCount && await QueueEmptyAsync(service), "every feed's first poll");

        Assert.All(fetches, count => Assert.Equal(1, count));
        Assert.Equal(feedCount, await service.CountAsync(StorageLayout.Hits));
        Assert.All(await Task.WhenAll(Enumerable.Range(0, feedCount).Select(f => service.FeedAsync($"section-{f:D2}"))), feed => Assert.Equal(Ingest.Core.Polling.PollStatus.Ok, feed.LastStatus));
        // Forty polls, more than the host's 32 queue slots: two feeds a message, so half as many sends and deletes.
        var lines = service.Host.Output.Split('\n');
        Assert.Equal(feedCount / 2, lines.Count(line => line.Contains("PollFeed (queue feed-polls, try 1)", StringComparison.Ordinal)));
        // The first tick waited for the import: it queued the whole catalogue, not the part added so far.
        Assert.Contains($"queued {feedCount} due feeds", lines.First(line => line.Contains(" due feeds", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    private static async Task<bool> QueueEmptyAsync(ServiceUnderTest service) =>
        (await service.Account.GetQueueClient(QueueNames.FeedPolls).PeekAllAsync()).Count == 0;
}
