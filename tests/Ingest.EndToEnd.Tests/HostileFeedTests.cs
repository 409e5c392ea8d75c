using System.Globalization;
using System.Net;
using System.Security;
using Ingest.Core.Model;
using Ingest.Storage;
using Ingest.Testing;
using static Ingest.EndToEnd.Tests.SampleFeeds;

namespace Ingest.EndToEnd.Tests;

/// <summary>
/// Hostile feeds beside normal ones in one poll cycle: an item nesting 35,000 elements, a title of 100,000 unclosed
/// tags, a 5,000-item feed, and full-text pages built to break a parser (deep nesting) and a regex (a long hyphenated
/// class). The normal feeds' articles are stored, the hostile ones are stored or skipped with warnings, nothing is
/// poisoned, and the handler's memory stays bounded.
/// </summary>
public sealed class HostileFeedTests
{
    private const int HugeFeedItems = 5_000;

    [Fact]
    public async Task A_poll_cycle_over_hostile_feeds_stores_the_normal_feeds_and_poisons_nothing()
    {
        await using var service = await ServiceUnderTest.StartAsync(
            [("normal", "/normal.xml", false), ("deep", "/deep.xml", false), ("bold", "/bold.xml", false), ("huge", "/huge.xml", false), ("pages", "/pages.xml", true)],
            feeds =>
            {
                feeds.MapText("/normal.xml", Rss(feeds.BaseUri, Kfor, Ipap));
                feeds.MapText("/deep.xml", File.ReadAllText(FeedFixtures.PathOf("hostile-deep-html-item.xml")));
                feeds.MapText("/bold.xml", File.ReadAllText(FeedFixtures.PathOf("hostile-nested-bold-title.xml")));
                feeds.MapText("/huge.xml", HugeFeed(feeds.BaseUri));
                feeds.MapText("/pages.xml", PagesFeed(feeds.BaseUri));
                feeds.MapText("/page/deep", File.ReadAllText(Path.Combine(FeedFixtures.PagesDirectory, "13-hostile-deep-nesting.html")), "text/html; charset=utf-8");
                feeds.MapText("/page/hyphens", File.ReadAllText(Path.Combine(FeedFixtures.PagesDirectory, "14-hostile-hyphenated-class.html")), "text/html; charset=utf-8");
            },
            pollSchedule: "*/5 * * * * *",
            settings: ServiceUnderTest.UnusedSmtp);

        string[] ids = ["normal", "deep", "bold", "huge", "pages"];
        await service.WaitForAsync(async () => (await Task.WhenAll(ids.Select(service.FeedAsync))).All(f => f.LastStatus == "ok"), "a poll of every feed", seconds: 180);

        var articles = await service.RowsAsync(StorageLayout.Articles);
        int Stored(string feed) => articles.Count(a => a.GetString("feedId") == feed);
        Assert.Equal(2, Stored("normal"));
        Assert.Contains(articles, a => a.GetString("title") == Kfor.Title);
        Assert.Equal(["ipap", "kfor"], (await service.RowsAsync(StorageLayout.Hits)).Where(h => h.GetString("feedId") == "normal").Select(h => h.PartitionKey).Order());
        Assert.Equal(2, Stored("deep"));
        Assert.Contains(articles, a => a.GetString("title") == "Zvečan checkpoint reopened");
        Assert.Equal(HugeFeedItems, Stored("huge"));
        Assert.Equal(2, Stored("pages"));
        Assert.Contains("read as plain text", service.Host.Output);

        foreach (var queue in QueueNames.All)
        {
            Assert.True((await service.Account.GetQueueClient(QueueNames.Poison(queue)).PeekAllAsync()).Count == 0, $"{queue}-poison holds a message. Host output:\n{service.Host.Output}");
        }

        using var http = new HttpClient();
        var status = await http.GetAsync(new Uri(service.HttpBase, "api/status"));
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);

        // Peak resident memory of the handler that did all this: bounded, not proportional to the hostile nesting.
        var peakKb = long.Parse(File.ReadLines($"/proc/{service.HandlerPid}/status").Single(l => l.StartsWith("VmHWM:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        Assert.True(peakKb < 1024 * 1024, $"the handler's peak resident memory was {peakKb / 1024} MiB");
    }

    private static string HugeFeed(Uri server) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0"><channel><title>Everything ever</title><link>{server}</link><description>A feed that never trims.</description>
        {string.Concat(Enumerable.Range(0, HugeFeedItems).Select(i => $"<item><title>Bulletin {i}</title><link>{new Uri(server, $"bulletin/{i}")}</link><description>Routine bulletin number {i}.</description></item>"))}
        </channel></rss>
        """;

    private static string PagesFeed(Uri server) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0"><channel><title>Full text</title><link>{server}</link><description>Pages that fight back.</description>
        <item><title>{SecurityElement.Escape("Belgrade and Pristina negotiators meet again")}</title><link>{new Uri(server, "page/deep")}</link><description>Talks in Brussels.</description></item>
        <item><title>Liaison meeting held</title><link>{new Uri(server, "page/hyphens")}</link><description>KFOR and the Serbian Armed Forces met.</description></item>
        </channel></rss>
        """;
}
