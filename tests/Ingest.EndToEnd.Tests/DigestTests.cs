using System.Net;
using System.Text;
using System.Text.Json;
using Ingest.Core.Deliveries;
using Ingest.Core.Model;
using Ingest.Core.Topics;
using Ingest.Storage;
using Ingest.Storage.Stores;
using Ingest.Testing;

namespace Ingest.EndToEnd.Tests;

/// <summary>Digests through <c>ingest host</c>, the handler, Azurite and maildev: what arrives, and that nothing arrives twice.</summary>
public sealed class DigestTests(MailingServiceFixture fixture) : IClassFixture<MailingServiceFixture>, IDisposable
{
    private static readonly DigestPeriod Day = new("", "d-2026-11-22", new DateTimeOffset(2026, 11, 21, 6, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 22, 6, 0, 0, TimeSpan.Zero));
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false });

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Subscribe_confirm_receive_a_digest_of_seeded_hits_unsubscribe_in_one_click_and_hear_nothing_more()
    {
        var service = fixture.Service;
        var maildev = fixture.Maildev;
        const string email = "desk@newsroom.example";
        await SeedHitsAsync(service.Account, "flow");

        var subscribe = await _http.PostAsync(new Uri(service.HttpBase, "api/subscriptions"),
            new StringContent(JsonSerializer.Serialize(new { email, topics = new[] { "kfor", "arms" }, frequency = "daily", hour = 7, timeZone = "Europe/Belgrade" }), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, subscribe.StatusCode);
        var confirmation = await fixture.WaitForMailAsync(email, 1);
        Assert.Equal(HttpStatusCode.OK, (await MailingServiceFixture.ConfirmAsync(_http, confirmation)).StatusCode);

        var period = Day with { SubscriberId = ServiceUnderTest.Ids.For(email) };
        await service.Account.GetQueueClient(QueueNames.Digests).SendMessageAsync(QueueJson.Write(period));
        var digest = await fixture.WaitForMailAsync(email, 2);

        Assert.Equal("3 new: KFOR, Arms deals — 22 Nov", NormaliseDash(digest.Subject));
        Assert.Contains("KFOR doubles patrols near Zvečan (flow)", digest.Html);
        Assert.Contains("Serbia shows HQ-22 batteries (flow)", digest.Text);
        Assert.Contains("wire, also reported by pristina", digest.Html);
        Assert.Contains("&lt;script&gt;", digest.Html);
        Assert.DoesNotContain("<script>", digest.Html);
        Assert.DoesNotContain("Novi Sad chess", digest.Text);
        Assert.DoesNotContain("outside the period", digest.Text);
        Assert.Matches(@"^<http://localhost:\d+/api/subscriptions/unsubscribe\?token=[^>]+>$", digest.Headers["list-unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", digest.Headers["list-unsubscribe-post"]);

        var oneClick = await _http.PostAsync(digest.Headers["list-unsubscribe"].Trim('<', '>'), new StringContent("List-Unsubscribe=One-Click", Encoding.ASCII, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);

        var later = period with { Id = "d-2026-11-23", Start = period.End, End = period.End.AddDays(1) };
        await service.Account.GetQueueClient(QueueNames.Digests).SendMessageAsync(QueueJson.Write(later));
        await service.WaitForAsync(() => Task.FromResult(service.Host.Output.Contains($"{period.SubscriberId} d-2026-11-23: not sent, the subscription is not active")), "the next digest's refusal");
        Assert.Equal(2, (await maildev.MailsToAsync(email)).Count);
    }

    [Fact]
    public async Task The_same_digest_message_delivered_twice_sends_one_mail()
    {
        var service = fixture.Service;
        const string email = "twice@newsroom.example";
        await SeedHitsAsync(service.Account, "twice");
        await ActiveSubscriberAsync(service.Account, email);
        var period = Day with { SubscriberId = ServiceUnderTest.Ids.For(email) };

        var digests = service.Account.GetQueueClient(QueueNames.Digests);
        await digests.SendMessageAsync(QueueJson.Write(period));
        await digests.SendMessageAsync(QueueJson.Write(period));
        await fixture.WaitForMailAsync(email, 1);
        await service.WaitForAsync(() => Task.FromResult(service.Host.Output.Contains($"{period.SubscriberId} d-2026-11-22: already")), "the second delivery");
        var deliveries = new DeliveryTable(service.Account.GetTableClient(StorageLayout.Deliveries));
        await service.WaitForAsync(async () => (await deliveries.GetAsync(period.SubscriberId, period.Id, CancellationToken.None))?.Status == DeliveryStatus.Sent, "the delivery marked sent");
        await service.WaitForAsync(async () => (await digests.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0, "the digests queue to drain");

        Assert.Single(await fixture.Maildev.MailsToAsync(email));
    }

    [Fact]
    public async Task A_period_without_matching_hits_sends_no_mail()
    {
        var service = fixture.Service;
        const string email = "quiet@newsroom.example";
        await ActiveSubscriberAsync(service.Account, email, topics: ["china-influence"]);
        var period = Day with { SubscriberId = ServiceUnderTest.Ids.For(email) };

        await service.Account.GetQueueClient(QueueNames.Digests).SendMessageAsync(QueueJson.Write(period));
        await service.WaitForAsync(() => Task.FromResult(service.Host.Output.Contains($"{period.SubscriberId} d-2026-11-22: nothing matched")), "the empty digest");

        Assert.Empty(await fixture.Maildev.MailsToAsync(email));
    }

    [Fact]
    public async Task Immediate_subscribers_get_a_polls_hits_on_their_topics_as_they_are_found()
    {
        var service = fixture.Service;
        await ActiveSubscriberAsync(service.Account, "now@newsroom.example", ["kfor"], Frequency.Immediate);
        await ActiveSubscriberAsync(service.Account, "arms-now@newsroom.example", ["arms"], Frequency.Immediate);
        await ActiveSubscriberAsync(service.Account, "daily@newsroom.example", ["kfor"], Frequency.Daily);
        service.Feeds.MapText("/wire.xml", SampleFeeds.Rss(service.Feeds.BaseUri, SampleFeeds.Kfor, SampleFeeds.Chess));

        await service.EnqueuePollAsync("wire", DateTimeOffset.UtcNow);
        var alert = await fixture.WaitForMailAsync("now@newsroom.example", 1);

        Assert.StartsWith("1 new: KFOR — ", alert.Subject);
        Assert.Contains(SampleFeeds.Kfor.Title, alert.Text);
        // Highlighted as found: "Kosovo Force" is a form of the KFOR term.
        Assert.Contains("<b>Kosovo Force</b>", alert.Html);
        Assert.DoesNotContain("chess", alert.Text, StringComparison.OrdinalIgnoreCase);
        await service.WaitForAsync(async () => (await service.Account.GetQueueClient(QueueNames.Alerts).PeekAllAsync()).Count == 0, "the alerts queue to drain");
        Assert.Empty(await fixture.Maildev.MailsToAsync("arms-now@newsroom.example"));
        Assert.Empty(await fixture.Maildev.MailsToAsync("daily@newsroom.example"));
    }

    /// <summary>Hits of the day before 22 November 06:00 UTC, one outside it, and one on a topic nobody follows here.</summary>
    internal static async Task SeedHitsAsync(Ingest.Storage.Accounts.StorageAccount account, string tag)
    {
        var inside = Day.Start.AddHours(5);
        StoredHit Hit(string topic, string key, string title, string feed, double score, DateTimeOffset at) =>
            new(topic, key + tag, $"{title} ({tag})", $"https://news.example/{key}{tag}", feed, at, score, [new MatchedTerm("KFOR", 2)], "KFOR troops patrolled the main road.");
        StoredHit[] hits =
        [
            Hit("kfor", "k1", "KFOR doubles patrols near Zvečan", "wire", 15, inside),
            Hit("kfor", "k2", "KFOR doubles patrols near Zvecan", "pristina", 12, inside.AddMinutes(30)),
            Hit("kfor", "k3", "<script>alert(1)</script> KFOR commander speaks", "wire", 9, inside.AddHours(2)),
            Hit("arms", "a1", "Serbia shows HQ-22 batteries", "wire", 11, inside.AddHours(1)),
            Hit("arms", "a2", "Arms story outside the period", "wire", 11, Day.Start.AddHours(-2)),
            Hit("china-influence", "c1", "Novi Sad chess open", "wire", 20, inside),
        ];
        var articles = hits.Select(h => new StoredArticle(h.ArticleKey, h.Url, h.Title, h.PublishedAt, h.FeedId, "en", [h.TopicId], "hash")).ToList();
        await StorageLayout.EnsureCreatedAsync(account);
        await new ArticleTable(account.GetTableClient(StorageLayout.Articles), account.GetTableClient(StorageLayout.Hits)).SaveAsync(articles, hits.Where(h => h.TopicId != "china-influence" || tag == "quiet").ToList(), CancellationToken.None);
    }

    internal static async Task ActiveSubscriberAsync(Ingest.Storage.Accounts.StorageAccount account, string email, IReadOnlyList<string>? topics = null, Frequency frequency = Frequency.Daily) =>
        await new SubscriberTable(account.GetTableClient(StorageLayout.Subscribers)).SaveAsync(
            new Subscriber(ServiceUnderTest.Ids.For(email), email, SubscriberStatus.Active, topics ?? ["kfor", "arms"], frequency, 7, "Europe/Belgrade", DayOfWeek.Monday, null, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow),
            CancellationToken.None);


    private static string NormaliseDash(string subject) => subject.Replace('\u2014', '—');

}
