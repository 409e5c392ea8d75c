using System.Net;
using Ingest.Testing;
using static Ingest.EndToEnd.Tests.SampleFeeds;

namespace Ingest.EndToEnd.Tests;

/// <summary>
/// <c>/api/topics/{id}/feed</c> read by a parser that is not Ingest's: Debian's python3-feedparser (installed by
/// <c>scripts/install-tools.sh</c>) finds a well-formed Atom feed with the titles and links as stored; conditional
/// GETs answer 304.
/// </summary>
public sealed class TopicFeedTests
{
    private const string HostileTitle = "KFOR in Prizren <b>again</b> & \"more\" — Призрен";

    [Fact]
    public async Task A_topic_feed_parses_cleanly_with_each_story_once_and_answers_conditional_gets()
    {
        var crossing = new Story("jarinje", StoryTexts.CrossingTitle, StoryTexts.Crossing, DateTimeOffset.UtcNow.AddHours(-3));
        var reprint = new Story("jarinje-copy", StoryTexts.CrossingRetitled, StoryTexts.Crossing, DateTimeOffset.UtcNow.AddHours(-2));
        var hostile = new Story("hostile", HostileTitle, StoryTexts.Handover, DateTimeOffset.UtcNow.AddHours(-1));
        await using var service = await ServiceUnderTest.StartAsync([("wire", "/wire.xml", false)], feeds =>
            feeds.MapText("/wire.xml", Rss(feeds.BaseUri, crossing, reprint, hostile).Replace(System.Security.SecurityElement.Escape(HostileTitle), System.Security.SecurityElement.Escape(WebUtility.HtmlEncode(HostileTitle)), StringComparison.Ordinal)),
            settings: ServiceUnderTest.UnusedSmtp);
        var polled = DateTimeOffset.UtcNow;
        await service.EnqueuePollAsync("wire", polled);
        await service.WaitForPollAsync("wire", polled.AddSeconds(-1));
        using var http = new HttpClient();
        var url = new Uri(service.HttpBase, "api/topics/kfor/feed");

        var response = await http.GetAsync(url);
        var atom = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        using var parsed = await Feedparser.ParseAsync(atom);
        var root = parsed.RootElement;
        Assert.False(root.GetProperty("bozo").GetBoolean(), root.GetProperty("bozo_exception").GetString());
        Assert.Equal("atom10", root.GetProperty("version").GetString());
        var entries = root.GetProperty("entries").EnumerateArray().Select(e => (Title: e.GetProperty("title").GetString(), Link: e.GetProperty("link").GetString())).ToList();
        // The report and its reprint are one story: one entry, the first report's.
        Assert.Equal(2, entries.Count);
        Assert.Contains((HostileTitle, new Uri(service.Feeds.BaseUri, "news/hostile").AbsoluteUri), entries);
        Assert.Single(entries, e => e.Title is StoryTexts.CrossingTitle or StoryTexts.CrossingRetitled);
        // The source is named as the feed names itself.
        Assert.All(root.GetProperty("entries").EnumerateArray(), e => Assert.Equal("Test wire", e.GetProperty("author").GetString()));

        // Conditional GETs: the same ETag, or a date not before the last change, gets a 304 with no body.
        var byTag = new HttpRequestMessage(HttpMethod.Get, url);
        byTag.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        var byDate = new HttpRequestMessage(HttpMethod.Get, url);
        byDate.Headers.IfModifiedSince = response.Content.Headers.LastModified;
        Assert.Equal(HttpStatusCode.NotModified, (await http.SendAsync(byTag)).StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, (await http.SendAsync(byDate)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri(service.HttpBase, "api/topics/football/feed"))).StatusCode);
    }
}
