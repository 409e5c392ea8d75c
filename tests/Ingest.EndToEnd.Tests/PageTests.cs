using System.Globalization;
using System.Text;
using System.Text.Json;
using Ingest.Core.Model;
using Ingest.Core.Polling;
using Ingest.Core.Stories;
using Ingest.Core.Topics;
using Ingest.Storage;
using Ingest.Storage.Stores;
using Microsoft.Playwright;

namespace Ingest.EndToEnd.Tests;

/// <summary>The subscribe, confirmation, unsubscribe and dashboard pages in Chromium, through <c>ingest host</c>, Azurite and maildev.</summary>
public sealed class PageTests(MailingServiceFixture fixture, Browser browser) : IClassFixture<MailingServiceFixture>, IClassFixture<Browser>
{
    private readonly ServiceUnderTest _service = fixture.Service;

    [Fact]
    public async Task A_reader_subscribes_on_the_page_and_the_mailed_link_opens_the_confirmed_page()
    {
        var (page, consoleErrors) = await browser.NewPageAsync();
        var response = await page.GotoAsync(Url("api/subscribe"));
        Assert.Contains("script-src 'self'", (await response!.AllHeadersAsync())["content-security-policy"]);
        Assert.Equal("Europe/Belgrade", await page.InputValueAsync("#timeZone"));

        // The form offers exactly the topics /api/topics lists, each with its description.
        using var http = new HttpClient();
        using var topics = JsonDocument.Parse(await http.GetStringAsync(Url("api/topics")));
        var model = topics.RootElement.GetProperty("topics").EnumerateArray().ToList();
        Assert.Equal(model.Select(t => t.GetProperty("id").GetString()), await page.Locator("input[name=topics]").EvaluateAllAsync<string[]>("boxes => boxes.map(b => b.value)"));
        await Assertions.Expect(page.Locator("label.choice", new PageLocatorOptions { HasText = model[0].GetProperty("title").GetString() })).ToContainTextAsync(model[0].GetProperty("description").GetString()!);

        // Nothing filled in: each error appears beside its own field, and nothing is sent.
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("#email-error")).ToHaveTextAsync("is required");
        await Assertions.Expect(page.Locator("#topics-error")).ToContainTextAsync("choose at least one");
        Assert.Equal("true", await page.GetAttributeAsync("#email", "aria-invalid"));

        await page.GetByLabel("Email address").FillAsync("page.reader@example.org");
        await page.GetByLabel("KFOR", new PageGetByLabelOptions { Exact = false }).First.CheckAsync();
        await page.GetByLabel("How often").SelectOptionAsync("weekly");
        await page.GetByLabel("On", new PageGetByLabelOptions { Exact = true }).SelectOptionAsync("friday");
        await page.GetByLabel("At (hour of the day)").SelectOptionAsync("18");
        await page.ClickAsync("button[type=submit]");

        await Assertions.Expect(page.Locator("#result")).ToContainTextAsync("confirmation link is on its way");
        await Assertions.Expect(page.Locator("#subscribe")).ToBeHiddenAsync();
        await Browser.ScreenshotAndCheckAccessibilityAsync(page, "subscribe-sent");

        var mail = await fixture.WaitForMailAsync("page.reader@example.org");
        await page.GotoAsync(MailingServiceFixture.ConfirmLink().Match(mail.Text!).Value);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Confirm your subscription");
        Assert.Equal(SubscriberStatus.Pending, (await fixture.SubscriberAsync("page.reader@example.org")).Status);
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm the subscription" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Subscription confirmed");
        await Browser.ScreenshotAndCheckAccessibilityAsync(page, "subscribe-confirmed");

        var subscriber = await fixture.SubscriberAsync("page.reader@example.org");
        Assert.Equal((SubscriberStatus.Active, Frequency.Weekly, DayOfWeek.Friday, 18, "Europe/Belgrade"), (subscriber.Status, subscriber.Frequency, subscriber.Weekday, subscriber.Hour, subscriber.TimeZone));
        Assert.Equal(["kfor"], subscriber.Topics);
        Assert.True(consoleErrors.Count == 0, string.Join("\n", consoleErrors));
    }

    [Fact]
    public async Task The_dashboard_shows_feed_health_hits_per_day_per_topic_and_the_latest_hits_with_their_terms_marked()
    {
        var now = DateTimeOffset.UtcNow;
        var feeds = new FeedTable(_service.Account.GetTableClient(StorageLayout.Feeds));
        await feeds.SavePollStateAsync(new FeedRecord("balkan-desk", "http://127.0.0.1:9/desk.xml", "Balkan desk", LastPolledAt: now.AddMinutes(-5), LastStatus: PollStatus.Ok, LastNewArticleAt: now.AddMinutes(-5), Arrivals: ArrivalLog.Empty.Add(now.AddMinutes(-5), 3), VerifiedAt: now.AddDays(-20)), CancellationToken.None);
        await feeds.SavePollStateAsync(new FeedRecord("broken-wire", "http://127.0.0.1:9/wire.xml", "Broken wire", LastPolledAt: now.AddMinutes(-3), LastStatus: PollStatus.Failed, ConsecutiveFailures: 4, LastError: "connection refused <b>twice</b>"), CancellationToken.None);

        const string snippet = "KFOR troops reinforced the patrols near Zvečan on Tuesday.";
        // Midday, so the two hits half an hour apart fall on one day whenever the test runs (at 00:10 they did not).
        var twoDaysAgo = new DateTimeOffset(now.UtcDateTime.Date.AddDays(-2).AddHours(12), TimeSpan.Zero);
        var armsAt = now.AddHours(-1);
        await new ArticleTable(_service.Account.GetTableClient(StorageLayout.Articles), _service.Account.GetTableClient(StorageLayout.Hits)).SaveAsync([], [
            Hit("kfor", "a1", "KFOR reinforces patrols in the north", twoDaysAgo, snippet, [new TextSpan(0, 4), new TextSpan(40, 6)]),
            Hit("kfor", "a2", "<script>alert('x')</script> KFOR commander visits Pristina", twoDaysAgo.AddMinutes(-30), "The KFOR commander met officials.", [new TextSpan(4, 4)]),
            Hit("arms", "a3", "Serbia receives new air defence systems", armsAt, "Serbia took delivery of the HQ-22 batteries.", [new TextSpan(28, 5)]),
        ], CancellationToken.None);

        await new SpikeTable(_service.Account.GetTableClient(StorageLayout.Spikes)).TrySaveAsync(new Spike("kfor", twoDaysAgo, twoDaysAgo.AddHours(1), 6, 0.4, 4, ["s-1", "s-2"]), CancellationToken.None);

        var (page, consoleErrors) = await browser.NewPageAsync();
        await page.GotoAsync(Url("api/dashboard"));

        var day = twoDaysAgo.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Equal("2", await page.GetAttributeAsync($"#chart-kfor rect[data-day='{day}']", "data-hits"));
        Assert.Equal("1", await page.GetAttributeAsync($"#chart-arms rect[data-day='{armsAt.UtcDateTime:yyyy-MM-dd}']", "data-hits"));
        Assert.Equal(14, await page.Locator("#chart-kfor rect.bar").CountAsync());
        Assert.Equal(1, await page.Locator($"#chart-kfor path.spike[data-day='{day}']").CountAsync());
        Assert.Equal(0, await page.Locator("#chart-arms path.spike").CountAsync());
        using (var http = new HttpClient())
        using (var status = JsonDocument.Parse(await http.GetStringAsync(Url("api/status"))))
        {
            var kfor = status.RootElement.GetProperty("topics").GetProperty("kfor");
            Assert.Equal(6, kfor.GetProperty("spikes")[0].GetProperty("peak").GetInt32());
            Assert.False(kfor.GetProperty("spiking").GetBoolean());
        }

        Assert.True(await page.Locator($"#chart-kfor rect[data-day='{day}']").GetAttributeAsync("height") is { } height && int.Parse(height, CultureInfo.InvariantCulture) > 0);

        await Assertions.Expect(page.Locator("#feeds tr", new PageLocatorOptions { HasText = "Broken wire" }).Locator(".badge")).ToHaveTextAsync("failing ×4");
        await Assertions.Expect(page.Locator("#feeds tr", new PageLocatorOptions { HasText = "Balkan desk" }).Locator(".badge")).ToHaveTextAsync("ok");
        await Assertions.Expect(page.Locator("#errors")).ToContainTextAsync("connection refused <b>twice</b>");
        // A catalogue address that has never answered with a feed is marked as unverified; one that has, is not.
        await Assertions.Expect(page.Locator("#feeds tr", new PageLocatorOptions { HasText = "Broken wire" }).Locator(".unverified")).ToHaveTextAsync("unverified");
        Assert.Equal(0, await page.Locator("#feeds tr", new PageLocatorOptions { HasText = "Balkan desk" }).Locator(".unverified").CountAsync());
        Assert.Equal("#error-broken-wire", await page.Locator("#feeds tr", new PageLocatorOptions { HasText = "Broken wire" }).GetByRole(AriaRole.Link).GetAttributeAsync("href"));

        var latest = page.Locator("#latest li");
        await Assertions.Expect(latest.First).ToContainTextAsync("Serbia receives new air defence systems");
        await Assertions.Expect(latest.First.Locator("mark")).ToHaveTextAsync("HQ-22");
        var patrols = latest.Filter(new LocatorFilterOptions { HasText = "KFOR reinforces patrols" });
        Assert.Equal(["KFOR", "Zvečan"], await patrols.Locator("mark").AllTextContentsAsync());
        Assert.Equal("https://news.example.org/a1", await patrols.Locator("a").GetAttributeAsync("href"));
        await Assertions.Expect(latest.Filter(new LocatorFilterOptions { HasText = "commander visits" }).Locator("a")).ToHaveTextAsync("<script>alert('x')</script> KFOR commander visits Pristina");
        await Browser.ScreenshotAndCheckAccessibilityAsync(page, "dashboard");
        Assert.True(consoleErrors.Count == 0, string.Join("\n", consoleErrors));
    }

    [Fact]
    public async Task The_unsubscribe_page_ends_the_subscription_with_one_button()
    {
        using var http = new HttpClient();
        var body = JsonSerializer.Serialize(new { email = "leaving@example.org", topics = new[] { "arms" }, frequency = "immediate" });
        await http.PostAsync(new Uri(_service.HttpBase, "api/subscriptions"), new StringContent(body, Encoding.UTF8, "application/json"));
        var mail = await fixture.WaitForMailAsync("leaving@example.org");
        await MailingServiceFixture.ConfirmAsync(http, mail);
        Assert.Equal(SubscriberStatus.Active, (await fixture.SubscriberAsync("leaving@example.org")).Status);

        var (page, consoleErrors) = await browser.NewPageAsync();
        await page.GotoAsync(mail.Headers["list-unsubscribe"].Trim('<', '>'));
        Assert.Equal(SubscriberStatus.Active, (await fixture.SubscriberAsync("leaving@example.org")).Status);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Unsubscribe" }).ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("You are unsubscribed");
        await Browser.ScreenshotAndCheckAccessibilityAsync(page, "unsubscribed");
        Assert.Equal(SubscriberStatus.Unsubscribed, (await fixture.SubscriberAsync("leaving@example.org")).Status);
        Assert.True(consoleErrors.Count == 0, string.Join("\n", consoleErrors));
    }

    private static StoredHit Hit(string topic, string key, string title, DateTimeOffset publishedAt, string snippet, IReadOnlyList<TextSpan> highlights) =>
        new(topic, key.PadRight(64, '0'), title, $"https://news.example.org/{key}", "balkan-desk", publishedAt, 9.5, [new MatchedTerm(topic == "kfor" ? "KFOR" : "HQ-22", 2)], snippet, highlights);

    private string Url(string path) => new Uri(_service.HttpBase, path).AbsoluteUri;



}
