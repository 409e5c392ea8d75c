using Ingest.Core.Model;
using Ingest.Core.Subscriptions;
using Ingest.Testing;
using Microsoft.Playwright;

namespace Ingest.EndToEnd.Tests;

/// <summary>
/// Every page a subscriber meets, in Chromium, in the order they meet them: each state of the confirmation link, the
/// preferences for each frequency, and unsubscribing. Each page is screenshotted and checked with axe.
/// </summary>
public sealed class SubscriptionPageTests(MailingServiceFixture fixture, Browser browser) : IClassFixture<MailingServiceFixture>, IClassFixture<Browser>
{
    /// <summary>How the pages show these tests' addresses: the first letter and the domain.</summary>
    private static readonly string Masked = "t" + new string('•', 8) + "@example.org";

    private readonly ServiceUnderTest _service = fixture.Service;

    [Fact]
    public async Task The_subscribe_page_with_errors_passes_axe_and_keeps_what_was_typed()
    {
        var (page, consoleErrors) = await browser.NewPageAsync();
        await page.GotoAsync(Url("api/subscribe"));
        await Browser.ScreenshotAndCheckAccessibilityAsync(page, "subscribe");

        // Immediate alerts have no hour, weekday or time zone to choose.
        await page.GetByLabel("How often").SelectOptionAsync("immediate");
        await Assertions.Expect(page.GetByLabel("At (hour of the day)")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByLabel("Time zone")).ToBeHiddenAsync();

        await page.GetByLabel("Email address").FillAsync("not an address");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("#email-error")).ToHaveTextAsync("is not a valid email address");
        await Browser.ScreenshotAndCheckAccessibilityAsync(page, "subscribe-errors");
        Assert.True(consoleErrors.Count == 0, string.Join("\n", consoleErrors));
    }

    [Fact]
    public async Task A_confirmation_link_shows_what_it_confirms_then_that_it_is_confirmed_then_that_it_already_was()
    {
        var (page, consoleErrors) = await browser.NewPageAsync();
        var mail = await SubscribeAsync(page, "tour.confirm@example.org", "immediate");
        var link = MailingServiceFixture.ConfirmLink().Match(mail.Text!).Value;
        var kforTitle = await page.EvaluateAsync<string>("async () => (await (await fetch('/api/topics')).json()).topics.find(t => t.id === 'kfor').title");

        await page.GotoAsync(link);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Confirm your subscription");
        var summary = page.Locator("dl.summary");
        await Assertions.Expect(summary).ToContainTextAsync(Masked);
        await Assertions.Expect(summary).Not.ToContainTextAsync("tour.confirm");
        await Assertions.Expect(summary.Locator("li")).ToHaveTextAsync([kforTitle]);
        await Assertions.Expect(summary).ToContainTextAsync("An alert as soon as Ingest finds a matching article");
        await Browser.ScreenshotAndCheckAccessibilityAsync(page, "confirm");

        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm the subscription" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Subscription confirmed");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Change what you get" })).ToBeVisibleAsync();
        await Browser.ScreenshotAndCheckAccessibilityAsync(page, "confirm-done");

        // The same link again, as a second click from the mail: nothing to do, and the page says so.
        await page.GotoAsync(link);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Already confirmed");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync($"confirmed on {DateTime.UtcNow:d MMMM yyyy}");
        await Assertions.Expect(page.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        await Browser.ScreenshotAndCheckAccessibilityAsync(page, "confirm-reused");
        Assert.True(consoleErrors.Count == 0, string.Join("\n", consoleErrors));
    }

    [Fact]
    public async Task An_expired_confirmation_link_says_so_and_offers_to_subscribe_again()
    {
        var (page, consoleErrors) = await browser.NewPageAsync();
        await SubscribeAsync(page, "tour.expired@example.org", "daily");
        var id = ServiceUnderTest.Ids.For("tour.expired@example.org");
        var expired = new LinkSigner(ServiceUnderTest.SigningKey).Create(LinkPurpose.Confirm, id, generation: 0, DateTimeOffset.UtcNow.AddMinutes(-1));

        var response = await page.GotoAsync(Url($"api/subscriptions/confirm?token={Uri.EscapeDataString(expired)}"));

        Assert.Equal(400, response!.Status);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("This link has expired");
        Assert.Equal("/api/subscribe", await page.GetByRole(AriaRole.Link, new() { Name = "Subscribe again" }).GetAttributeAsync("href"));
        await Assertions.Expect(page.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        await Browser.ScreenshotAndCheckAccessibilityAsync(page, "confirm-expired");
        Assert.Equal(SubscriberStatus.Pending, (await fixture.SubscriberAsync("tour.expired@example.org")).Status);
        Assert.True(consoleErrors.Count == 0, string.Join("\n", consoleErrors));
    }

    [Fact]
    public async Task Preferences_show_the_current_choices_and_only_the_fields_each_frequency_uses()
    {
        var (page, consoleErrors) = await browser.NewPageAsync();
        var mail = await SubscribeAsync(page, "tour.prefs@example.org", "daily");
        await page.GotoAsync(MailingServiceFixture.ConfirmLink().Match(mail.Text!).Value);
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm the subscription" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Change what you get" }).ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("What Ingest sends you");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync(Masked);
        await Assertions.Expect(page.GetByLabel("How often")).ToHaveValueAsync("daily");
        await Assertions.Expect(page.Locator("input[name=topics][value=kfor]")).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("input[name=topics][value=arms]")).Not.ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("Time zone")).ToHaveValueAsync("Europe/Belgrade");
        await Assertions.Expect(page.Locator("label.choice").First.Locator("small")).Not.ToBeEmptyAsync();

        var hour = page.GetByLabel("At (hour of the day)");
        var weekday = page.GetByLabel("On", new() { Exact = true });
        var zone = page.GetByLabel("Time zone");
        foreach (var (frequency, hourShown, weekdayShown) in new[] { ("daily", true, false), ("weekly", true, true), ("immediate", false, false), ("breaking", false, false) })
        {
            await page.GetByLabel("How often").SelectOptionAsync(frequency);
            Assert.Equal((hourShown, weekdayShown, hourShown), (await hour.IsVisibleAsync(), await weekday.IsVisibleAsync(), await zone.IsVisibleAsync()));
            await Browser.ScreenshotAndCheckAccessibilityAsync(page, $"preferences-{frequency}");
        }

        await page.GetByLabel("How often").SelectOptionAsync("weekly");
        await weekday.SelectOptionAsync("thursday");
        await hour.SelectOptionAsync("16");
        await page.Locator("input[name=topics][value=arms]").CheckAsync();
        await page.GetByLabel("Which articles").SelectOptionAsync("best");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("Saved");
        await Assertions.Expect(page.GetByLabel("How often")).ToHaveValueAsync("weekly");
        await Assertions.Expect(weekday).ToHaveValueAsync("thursday");
        var saved = await fixture.SubscriberAsync("tour.prefs@example.org");
        Assert.Equal((Frequency.Weekly, DayOfWeek.Thursday, 16, SubscriptionForm.BestOnlyScore), (saved.Frequency, saved.Weekday, saved.Hour, saved.MinScore));
        Assert.Equal(["kfor", "arms"], saved.Topics);

        // A refused choice comes back beside its field, with what was chosen still chosen.
        await page.Locator("input[name=topics]:checked").EvaluateAllAsync<int>("boxes => { boxes.forEach(b => b.checked = false); return boxes.length; }");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator("#topics-error")).ToContainTextAsync("choose at least one");
        await Assertions.Expect(weekday).ToHaveValueAsync("thursday");
        await Browser.ScreenshotAndCheckAccessibilityAsync(page, "preferences-error");
        Assert.Equal(["kfor", "arms"], (await fixture.SubscriberAsync("tour.prefs@example.org")).Topics);
        Assert.True(consoleErrors.Count == 0, string.Join("\n", consoleErrors));
    }

    [Fact]
    public async Task The_unsubscribe_page_asks_once_and_then_says_it_is_done()
    {
        var (page, consoleErrors) = await browser.NewPageAsync();
        var mail = await SubscribeAsync(page, "tour.leave@example.org", "weekly");

        await page.GotoAsync(mail.Headers["list-unsubscribe"].Trim('<', '>'));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Unsubscribe from Ingest");
        await Browser.ScreenshotAndCheckAccessibilityAsync(page, "unsubscribe");
        await page.GetByRole(AriaRole.Button, new() { Name = "Unsubscribe" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("You are unsubscribed");
        await Browser.ScreenshotAndCheckAccessibilityAsync(page, "unsubscribe-done");
        Assert.Equal(SubscriberStatus.Unsubscribed, (await fixture.SubscriberAsync("tour.leave@example.org")).Status);
        Assert.True(consoleErrors.Count == 0, string.Join("\n", consoleErrors));
    }

    /// <summary>Subscribes on the page to KFOR, as a reader does, and returns the confirmation mail.</summary>
    private async Task<ReceivedMail> SubscribeAsync(IPage page, string email, string frequency)
    {
        await page.GotoAsync(Url("api/subscribe"));
        await page.GetByLabel("Email address").FillAsync(email);
        await page.Locator("input[name=topics][value=kfor]").CheckAsync();
        await page.GetByLabel("How often").SelectOptionAsync(frequency);
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("#result")).ToContainTextAsync("confirmation link is on its way");
        return await fixture.WaitForMailAsync(email);
    }

    private string Url(string path) => new Uri(_service.HttpBase, path).AbsoluteUri;
}
