using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ingest.Core.Model;
using Ingest.Core.Subscriptions;
using Ingest.Core.Topics;
using Ingest.Storage;
using Ingest.Storage.Stores;

namespace Ingest.EndToEnd.Tests;

/// <summary>
/// A subscriber's private feed, end to end: its address is on the preferences page, it carries their topics' stories
/// at or above their threshold and parses cleanly with feedparser; a forged address is 404, and so is the old address
/// once the subscriber gives the feed a new one.
/// </summary>
public sealed partial class SubscriberFeedTests
{
    [Fact]
    public async Task The_private_feed_holds_the_subscribers_stories_and_a_forged_or_replaced_address_gets_404()
    {
        await using var service = await ServiceUnderTest.StartAsync([], _ => { }, settings: ServiceUnderTest.UnusedSmtp);
        var now = DateTimeOffset.UtcNow;
        StoredHit Hit(string topic, string key, string title, double score) =>
            new(topic, key, title, $"https://news.example.org/{key}", "wire", now.AddHours(-5), score, [new MatchedTerm(topic.ToUpperInvariant(), 1)], $"{title}.", FoundAt: now.AddHours(-1));
        await new ArticleTable(service.Account.GetTableClient(StorageLayout.Articles), service.Account.GetTableClient(StorageLayout.Hits)).SaveAsync([],
            [
                Hit("kfor", "a1-kfor-strong-0000000000000000", "KFOR doubles patrols near Jarinje & \"Brnjak\" <crossings>", 9),
                Hit("kfor", "a2-kfor-faint-00000000000000000", "A KFOR band plays in Pristina", 2),
                Hit("arms", "a3-arms-deal-000000000000000000", "Belgrade signs for new air defence systems", 7),
                Hit("ipap", "a4-ipap-not-followed-0000000000", "Serbia's IPAP with NATO reviewed", 8),
            ],
            CancellationToken.None);
        await new FeedTable(service.Account.GetTableClient(StorageLayout.Feeds)).AddIfMissingAsync(new FeedRecord("wire", "https://news.example.org/rss", "Wire <desk> & co"), CancellationToken.None);
        var subscriber = new Subscriber("feedreader01", "reader@example.org", SubscriberStatus.Active, ["kfor", "arms"], Frequency.Daily, 7, "UTC", DayOfWeek.Monday, 5, now.AddDays(-2), ConfirmedAt: now.AddDays(-2));
        await new SubscriberTable(service.Account.GetTableClient(StorageLayout.Subscribers)).SaveAsync(subscriber, CancellationToken.None);
        var preferences = new Uri(service.HttpBase, $"api/subscriptions/preferences?token={Uri.EscapeDataString(new LinkSigner(ServiceUnderTest.SigningKey).Create(LinkPurpose.Preferences, subscriber, now.AddDays(1)))}");
        using var http = new HttpClient();

        var feedUrl = FeedAddress(await http.GetStringAsync(preferences));
        var response = await http.GetAsync(feedUrl);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var parsed = await Feedparser.ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.False(parsed.RootElement.GetProperty("bozo").GetBoolean(), parsed.RootElement.GetProperty("bozo_exception").GetString());
        Assert.Equal(
            ["Belgrade signs for new air defence systems", "KFOR doubles patrols near Jarinje & \"Brnjak\" <crossings>"],
            parsed.RootElement.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("title").GetString()).Order());
        Assert.All(parsed.RootElement.GetProperty("entries").EnumerateArray(), e => Assert.Equal("Wire <desk> & co", e.GetProperty("author").GetString()));
        Assert.Contains("private", response.Headers.CacheControl?.ToString());
        var again = new HttpRequestMessage(HttpMethod.Get, feedUrl);
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await http.SendAsync(again)).StatusCode);

        // The same stories as JSON Feed 1.1 at the address beside it, with the same token and the same answers to conditional GETs.
        var jsonUrl = JsonFeedAddress(await http.GetStringAsync(preferences));
        Assert.Equal(feedUrl.Query, jsonUrl.Query);
        var json = await http.GetAsync(jsonUrl);
        Assert.Equal("application/feed+json", json.Content.Headers.ContentType?.MediaType);
        var jsonText = await json.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<crossings>", jsonText);
        using (var jsonFeed = JsonDocument.Parse(jsonText))
        {
            Assert.Equal("https://jsonfeed.org/version/1.1", jsonFeed.RootElement.GetProperty("version").GetString());
            Assert.Equal(jsonUrl.AbsoluteUri, jsonFeed.RootElement.GetProperty("feed_url").GetString());
            Assert.Equal(
                ["Belgrade signs for new air defence systems", "KFOR doubles patrols near Jarinje & \"Brnjak\" <crossings>"],
                jsonFeed.RootElement.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("title").GetString()).Order());
            // What JSON Feed 1.1 requires of every item: an id, and content as text or HTML (Debian's feedparser reads no JSON Feed).
            Assert.All(jsonFeed.RootElement.GetProperty("items").EnumerateArray(), e => Assert.False(string.IsNullOrEmpty(e.GetProperty("id").GetString()) || string.IsNullOrEmpty(e.GetProperty("content_text").GetString())));
        }

        var jsonAgain = new HttpRequestMessage(HttpMethod.Get, jsonUrl);
        jsonAgain.Headers.IfNoneMatch.Add(json.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await http.SendAsync(jsonAgain)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri(jsonUrl, "?token=f.forged.0.x"))).StatusCode);

        // A token with its signature altered, or made for another subscriber by someone without the key, opens nothing.
        var token = feedUrl.Query["?token=".Length..];
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(WithToken(feedUrl, token[..^2] + (token[^2..] == "AA" ? "BB" : "AA")))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(WithToken(feedUrl, new LinkSigner("not-the-service-signing-key-at-all").CreateFeed(subscriber.Id, 0)))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(WithToken(feedUrl, new LinkSigner(ServiceUnderTest.SigningKey).Create(LinkPurpose.Preferences, subscriber, now.AddDays(1))))).StatusCode);
        var hostile = await http.GetAsync(WithToken(feedUrl, "f.\"><script>alert(1)</script>.0.x"));
        Assert.Equal(HttpStatusCode.NotFound, hostile.StatusCode);
        Assert.DoesNotContain("script", await hostile.Content.ReadAsStringAsync());

        // A new address: the page shows it, it works, and the old one is gone.
        var rotated = await http.PostAsync(preferences, new FormUrlEncodedContent(new Dictionary<string, string> { ["action"] = "rotate-feed" }));
        var page = await rotated.Content.ReadAsStringAsync();
        var newUrl = FeedAddress(page);

        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        Assert.Contains("The old one no longer works", page);
        Assert.NotEqual(feedUrl, newUrl);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(feedUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(newUrl)).StatusCode);
        // A new feed address is a new link generation: the old preferences link no longer opens the subscription (it
        // once showed the new feed address to whoever held it); the page answered at its own new address.
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync(preferences)).StatusCode);
        var newPreferences = new Uri(preferences, WebUtility.HtmlDecode(PreferencesFormAction().Match(page).Groups["action"].Value));
        Assert.Equal(newUrl, FeedAddress(await http.GetStringAsync(newPreferences)));
    }

    private static Uri FeedAddress(string page) => new(WebUtility.HtmlDecode(FeedUrlInput().Match(page).Groups["url"].Value));

    private static Uri JsonFeedAddress(string page) => new(WebUtility.HtmlDecode(JsonFeedUrlInput().Match(page).Groups["url"].Value));

    private static Uri WithToken(Uri feedUrl, string token) => new(feedUrl, $"?token={Uri.EscapeDataString(token)}");

    [GeneratedRegex("id=\"preferences\" method=\"post\" action=\"(?<action>[^\"]+)\"")]
    private static partial Regex PreferencesFormAction();

    [GeneratedRegex("id=\"feed-url\"[^>]*value=\"(?<url>[^\"]+)\"")]
    private static partial Regex FeedUrlInput();

    [GeneratedRegex("id=\"json-feed-url\"[^>]*value=\"(?<url>[^\"]+)\"")]
    private static partial Regex JsonFeedUrlInput();
}
