using System.Globalization;
using System.Security;
using Ingest.Testing;
using Microsoft.AspNetCore.Http;

namespace Ingest.LoadTest;

/// <summary>
/// Many feeds on one loopback server, each answering after a fixed latency, with an ETag so an unchanged feed
/// costs a 304. Items cycle through a few invented stories, some on the model's topics and most not.
/// </summary>
public sealed class FeedFarm(LoopbackHttpServer server, int feeds, int itemsPerFeed, TimeSpan latency)
{
    private static readonly (string Title, string Text)[] Stories =
    [
        ("KFOR patrols the north after roadblocks", "NATO's Kosovo Force sent troops to Jarinje under UNSCR 1244; the KFOR commander spoke to the Serbian army."),
        ("Serbia reviews its IPAP with NATO", "Belgrade and the NATO Military Liaison Office assessed the Individual Partnership Action Plan; Serbia stays militarily neutral."),
        ("Serbia shows HQ-22 batteries bought from China", "The Serbian army displayed Chinese HQ-22 air defence systems and CH-92A drones at Batajnica."),
        ("City council approves a new tram line", "The line will run from the river to the university and open in three years."),
        ("Local football club signs a new coach", "The coach has trained youth teams for ten years and starts on Monday."),
        ("Farmers report a good plum harvest", "Dry weather in September helped the harvest, and prices at the market fell."),
        ("Museum opens an exhibition of old maps", "More than a hundred maps from four centuries are on show until spring."),
        ("Weather service expects the first snow", "Temperatures will fall below zero in the mountains at the weekend."),
    ];

    private readonly int[] _versions = new int[feeds];
    private readonly int[] _fetches = new int[feeds];

    public int Feeds => feeds;

    public static string Path(int feed) => $"/feeds/{feed}.xml";

    public void Serve()
    {
        for (var feed = 0; feed < feeds; feed++)
        {
            var id = feed;
            server.Map(Path(id), context => AnswerAsync(context, id));
        }
    }

    /// <summary>How many times each feed was asked for so far, 304s included, by feed number.</summary>
    public IReadOnlyList<int> Fetches() => [.. _fetches.Select(count => Volatile.Read(ref count))];

    /// <summary>Adds one new item to every <paramref name="every"/>-th feed; returns how many changed.</summary>
    public int Change(int every)
    {
        var changed = 0;
        for (var feed = 0; feed < feeds; feed += every)
        {
            Interlocked.Increment(ref _versions[feed]);
            changed++;
        }

        return changed;
    }

    private async Task AnswerAsync(HttpContext context, int feed)
    {
        Interlocked.Increment(ref _fetches[feed]);
        await Task.Delay(latency);
        var version = Volatile.Read(ref _versions[feed]);
        var etag = $"\"{feed}-{version}\"";
        if (context.Request.Headers.IfNoneMatch == etag)
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        context.Response.ContentType = "application/rss+xml; charset=utf-8";
        context.Response.Headers.ETag = etag;
        await context.Response.WriteAsync(Rss(feed, version));
    }

    private string Rss(int feed, int version)
    {
        var items = Enumerable.Range(0, itemsPerFeed + version).Reverse().Select(n =>
        {
            var (title, text) = Stories[(feed + n) % Stories.Length];
            var published = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes((feed * 37) + (n * 61));
            return $"<item><title>{SecurityElement.Escape(title)} ({feed}.{n})</title><link>{server.Url($"/news/{feed}/{n}")}</link>" +
                   $"<pubDate>{published.ToString("R", CultureInfo.InvariantCulture)}</pubDate><description>{SecurityElement.Escape(text)}</description></item>";
        });
        return $"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Load feed {feed}</title><link>{server.BaseUri}</link>" +
               $"<description>Invented for the load test.</description>{string.Concat(items)}</channel></rss>";
    }
}
