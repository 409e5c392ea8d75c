using System.Net;
using System.Security;
using HtmlAgilityPack;
using Ingest.Core.Model;
using Ingest.Storage.Stores;
using Microsoft.Playwright;

namespace Ingest.EndToEnd.Tests;

/// <summary>
/// Script, attribute break-outs and header injection sent through a feed (and through the one value the subscription
/// pages take from a request, the token) reach every page and mail as text: nothing runs, no element or attribute is
/// added, no header is added.
/// </summary>
public sealed class InjectionTests(MailingServiceFixture fixture, Browser browser) : IClassFixture<MailingServiceFixture>, IClassFixture<Browser>
{
    private const string HostileTitle = "<script>alert('title')</script> KFOR patrol \"><img src=x onerror=alert(1)> near Zvečan\r\nBcc: victim@evil.example";
    private const string HostileText = "Kosovo Force troops <script>alert('text')</script> '\"><svg onload=alert(2)> patrolled the north.\r\nSubject: injected";
    private const string HostileFeedHtml = "<p>Kosovo Force troops &lt;script&gt;alert('html')&lt;/script&gt; moved.</p><img src=x onerror=alert(3)><script>alert(4)</script>";

    private readonly ServiceUnderTest _service = fixture.Service;

    [Fact]
    public async Task Hostile_feed_text_is_inert_in_the_alert_the_digest_and_the_dashboard()
    {
        await DigestTests.ActiveSubscriberAsync(_service.Account, "inert.now@newsroom.example", ["kfor"], Frequency.Immediate);
        await DigestTests.ActiveSubscriberAsync(_service.Account, "inert.daily@newsroom.example", ["kfor"]);
        _service.Feeds.MapText("/wire.xml", HostileFeed(_service.Feeds.BaseUri));

        await _service.EnqueuePollAsync("wire", DateTimeOffset.UtcNow);
        var alert = await fixture.WaitForMailAsync("inert.now@newsroom.example");
        var digestPeriod = new DigestPeriod(ServiceUnderTest.Ids.For("inert.daily@newsroom.example"), "d-inert", DateTimeOffset.UtcNow.AddDays(-2), DateTimeOffset.UtcNow.AddHours(1));
        await _service.Account.GetQueueClient(QueueNames.Digests).SendMessageAsync(QueueJson.Write(digestPeriod));
        var digest = await fixture.WaitForMailAsync("inert.daily@newsroom.example");

        foreach (var mail in new[] { alert, digest })
        {
            AssertInertHtml(mail.Html!, $"the mail \"{mail.Subject}\"");
            Assert.Contains("&lt;script&gt;alert(", mail.Html);
            Assert.DoesNotContain("bcc", mail.Headers.Keys, StringComparer.OrdinalIgnoreCase);
            Assert.DoesNotContain("victim", mail.Subject);
            Assert.DoesNotContain("injected", mail.Subject);
            // In the text part the hostile title is one line of text, its line break a space.
            Assert.Contains("<script>alert('title')</script> KFOR patrol \"><img src=x onerror=alert(1)> near Zvečan Bcc: victim@evil.example", mail.Text);
            Assert.DoesNotMatch("(?m)^(Bcc|Subject):", mail.Text!);
        }

        var (page, consoleErrors) = await browser.NewPageAsync();
        var dialogs = 0;
        page.Dialog += async (_, dialog) =>
        {
            dialogs++;
            await dialog.DismissAsync();
        };
        await page.GotoAsync(new Uri(_service.HttpBase, "api/dashboard").AbsoluteUri);
        var hit = page.Locator("#latest li").Filter(new() { HasText = "onerror" });
        await Assertions.Expect(hit.Locator("a").First).ToContainTextAsync("<script>alert('title')</script> KFOR patrol \"><img src=x onerror=alert(1)>");
        AssertInertHtml(await page.ContentAsync(), "the dashboard");
        Assert.Equal(0, await page.Locator("script, img, svg [onload], [onerror]").CountAsync());
        await Assertions.Expect(page.Locator("#latest li").Filter(new() { HasText = "Raw markup" })).ToContainTextAsync("Kosovo Force troops <script>alert('html')</script> moved.");
        Assert.Equal(0, dialogs);
        Assert.True(consoleErrors.Count == 0, string.Join("\n", consoleErrors));
    }

    [Theory]
    [InlineData("api/subscriptions/confirm")]
    [InlineData("api/subscriptions/unsubscribe")]
    [InlineData("api/subscriptions/preferences")]
    public async Task A_hostile_token_is_inert_on_every_page_that_takes_one(string path)
    {
        var (page, consoleErrors) = await browser.NewPageAsync();
        var token = Uri.EscapeDataString("\"><script>alert(1)</script><img src=x onerror=alert(2)>");

        await page.GotoAsync(new Uri(_service.HttpBase, $"{path}?token={token}").AbsoluteUri);

        AssertInertHtml(await page.ContentAsync(), path);
        Assert.Equal(0, await page.Locator("script, img").CountAsync());
        Assert.True(consoleErrors.Count == 0, string.Join("\n", consoleErrors));
    }

    /// <summary>No script element but the app's own, no image, no event handler attribute, no script link.</summary>
    private static void AssertInertHtml(string html, string where)
    {
        var document = new HtmlDocument();
        document.LoadHtml(html);
        var elements = document.DocumentNode.Descendants().Where(n => n.NodeType == HtmlNodeType.Element).ToList();
        Assert.DoesNotContain(elements, e => e.Name == "script" && !e.GetAttributeValue("src", "").StartsWith("/api/assets/", StringComparison.Ordinal));
        Assert.DoesNotContain(elements, e => e.Name is "img" or "iframe" or "object" or "embed");
        var handlers = elements.SelectMany(e => e.Attributes).Where(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)).Select(a => a.Name).ToList();
        Assert.True(handlers.Count == 0, $"{where} has event handler attributes: {string.Join(", ", handlers)}");
        Assert.DoesNotContain(elements, e => e.GetAttributeValue("href", "").TrimStart().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Text that reads as markup once it arrives: RSS titles and descriptions are HTML, so the markup is escaped for HTML,
    /// then for XML. (Markup sent unescaped is parsed as HTML and flattened to text by the reader; the second item
    /// sends some that way.)
    /// </summary>
    private static string AsText(string text) => SecurityElement.Escape(WebUtility.HtmlEncode(text));

    private static string HostileFeed(Uri server) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0"><channel><title>{AsText(HostileTitle)}</title><link>{server}</link><description>Hostile wire</description>
        <item><title>{AsText(HostileTitle)}</title><link>{SecurityElement.Escape(new Uri(server, "story/1?q=%22%3E%3Cscript%3E").AbsoluteUri)}</link>
        <pubDate>{DateTimeOffset.UtcNow.AddMinutes(-10):R}</pubDate><description>{AsText(HostileText)}</description></item>
        <item><title>Raw markup: KFOR patrols near Zvečan again</title><link>{new Uri(server, "story/2")}</link>
        <pubDate>{DateTimeOffset.UtcNow.AddMinutes(-5):R}</pubDate><description>{SecurityElement.Escape(HostileFeedHtml)}</description></item>
        <item><title>Script link: KFOR patrols near Zvečan once more</title><link>javascript:alert(document.cookie)</link>
        <pubDate>{DateTimeOffset.UtcNow.AddMinutes(-4):R}</pubDate><description>Kosovo Force troops patrolled.</description></item>
        </channel></rss>
        """;
}
