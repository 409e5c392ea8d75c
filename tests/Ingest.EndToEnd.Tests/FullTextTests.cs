using System.Security;
using System.Text.Json;
using Ingest.Storage;
using Ingest.Testing;
using Microsoft.AspNetCore.Http;

namespace Ingest.EndToEnd.Tests;

/// <summary>
/// <c>fullText: "auto"</c>, the catalogue's default, as deployed: a feed of teasers has its pages read — once each,
/// within the fetch limits — and a feed that gives whole articles is not fetched again.
/// </summary>
public sealed class FullTextTests
{
    private static readonly DateTimeOffset Published = new(2026, 11, 24, 7, 0, 0, TimeSpan.Zero);

    private const string HiddenTopic = "Soldiers of NATO's Kosovo Force took over the night checkpoints at Jarinje and Brnjak, and the KFOR commander said the mission would keep them under UNSCR 1244 until the local police returned.";

    [Fact]
    public async Task A_feed_of_teasers_is_read_from_its_pages_once_each_within_the_limits_and_a_feed_of_whole_articles_is_not_fetched()
    {
        var hang = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var teasers = new (string Slug, string Title, string Summary)[]
        {
            ("night-crossings", "Night checkpoints change hands in the north", "Troops took over two crossings overnight, officials said…"),
            ("slow-page", "Port workers end their strike in Bar", "The union and the port agreed on wages late on Monday. Read more"),
            ("huge-page", "Harvest figures for the Bačka region", "Harvest figures for the Bačka region"),
        };
        var whole = string.Join(' ', Enumerable.Repeat("The council met for its regular session and adopted the city budget after a long debate about the new tram line, which the opposition called too costly.", 5));
        await using var service = await ServiceUnderTest.StartAsync(
            [("teasers", "/teasers.xml", null), ("whole", "/whole.xml", null)],
            feeds =>
            {
                feeds.MapText("/teasers.xml", Rss(feeds.BaseUri, "teasers", teasers.Select(t => (t.Slug, t.Title, t.Summary))));
                feeds.MapText("/whole.xml", Rss(feeds.BaseUri, "whole", [("council", "The city council adopts its budget", whole)]));
                feeds.MapText("/teasers/night-crossings", Page("Night checkpoints change hands in the north", HiddenTopic), "text/html; charset=utf-8");
                feeds.Map("/teasers/slow-page", async context =>
                {
                    await hang.Task.WaitAsync(context.RequestAborted);
                });
                feeds.Map("/teasers/huge-page", async context =>
                {
                    context.Response.ContentType = "text/html; charset=utf-8";
                    await context.Response.WriteAsync("<html><body><article>");
                    var filler = string.Concat(Enumerable.Repeat("<p>Yields rose again this year.</p>", 1000));
                    for (var i = 0; i < 40 && !context.RequestAborted.IsCancellationRequested; i++)
                    {
                        await context.Response.WriteAsync(filler, context.RequestAborted);
                    }
                });
                feeds.MapText("/whole/council", Page("The city council adopts its budget", whole), "text/html; charset=utf-8");
            },
            settings: new Dictionary<string, string> { ["Fetch__TimeoutSeconds"] = "5", ["Fetch__MaxBytes"] = "200000" });

        var first = DateTimeOffset.UtcNow;
        await service.EnqueuePollAsync("teasers", first);
        await service.EnqueuePollAsync("whole", first);
        await service.WaitForPollAsync("teasers", first);
        await service.WaitForPollAsync("whole", first);
        var again = DateTimeOffset.UtcNow;
        await service.EnqueuePollAsync("teasers", again);
        await service.WaitForPollAsync("teasers", again);
        hang.TrySetResult();

        // Every item is stored, the slow and the huge page's on their feed's text; the topic only the page named is a hit.
        Assert.Equal(4, await service.CountAsync(StorageLayout.Articles));
        var hit = Assert.Single(await service.RowsAsync(StorageLayout.Hits));
        Assert.Equal("kfor", hit.PartitionKey);
        Assert.Equal("Night checkpoints change hands in the north", hit.GetString("title"));
        Assert.Contains("Jarinje", hit.GetString("snippet"));

        var pages = service.Feeds.Requests.Where(r => r.Path.StartsWith("/teasers/", StringComparison.Ordinal)).GroupBy(r => r.Path).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(1, pages["/teasers/night-crossings"]);
        Assert.Equal(1, pages["/teasers/slow-page"]);
        Assert.Equal(1, pages["/teasers/huge-page"]);
        Assert.DoesNotContain(service.Feeds.Requests, r => r.Path.StartsWith("/whole/", StringComparison.Ordinal));

        var status = JsonDocument.Parse(await new HttpClient().GetStringAsync(new Uri(service.HttpBase, "api/status"))).RootElement;
        var byId = status.GetProperty("feeds").EnumerateArray().ToDictionary(f => f.GetProperty("id").GetString()!);
        Assert.Equal("auto", byId["teasers"].GetProperty("fullText").GetString());
        Assert.Equal(1.0 / 3, byId["teasers"].GetProperty("readInFullShare").GetDouble(), precision: 3);
        Assert.True(byId["teasers"].GetProperty("medianItemTextLength").GetInt32() < 100);
        Assert.Equal(0, byId["whole"].GetProperty("readInFullShare").GetDouble());
        Assert.Equal(whole.Length, byId["whole"].GetProperty("medianItemTextLength").GetInt32());
    }

    private static string Rss(Uri server, string feed, IEnumerable<(string Slug, string Title, string Text)> items) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0"><channel><title>{feed}</title><link>{server}</link><description>Written for Ingest's tests.</description>
        {string.Concat(items.Select(i => $"""
            <item><title>{SecurityElement.Escape(i.Title)}</title><link>{new Uri(server, $"{feed}/{i.Slug}")}</link>
            <pubDate>{Published:R}</pubDate><description>{SecurityElement.Escape(i.Text)}</description></item>
            """))}
        </channel></rss>
        """;

    private static string Page(string title, string text) => $"""
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{SecurityElement.Escape(title)}</title></head>
        <body><nav><a href="/">Home</a></nav><article><h1>{SecurityElement.Escape(title)}</h1><p>{SecurityElement.Escape(text)}</p>
        <p>Drivers waited for about an hour at each crossing, and the traffic returned to normal by the morning.</p></article></body></html>
        """;
}
