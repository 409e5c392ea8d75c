using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Ingest.Core.Model;
using Ingest.Core.Pushes;
using Ingest.Core.Subscriptions;
using Ingest.Storage;
using Ingest.Storage.Stores;
using Ingest.Testing;
using static Ingest.EndToEnd.Tests.SampleFeeds;

namespace Ingest.EndToEnd.Tests;

/// <summary>
/// Push endpoints through the running service: added on the preferences page (a webhook's secret shown once, a
/// metadata address refused), then one alert reaches the mail and each endpoint once, in the format each expects,
/// though the webhook's first try times out.
/// </summary>
public sealed partial class PushEndpointTests
{
    private static readonly Story Patrols = new(
        "kfor-night-patrols",
        "KFOR adds night patrols on the northern crossings",
        "The NATO-led KFOR mission said its troops would patrol the crossings at night after a week of roadblocks.",
        DateTimeOffset.UtcNow.AddHours(-1));

    [Fact]
    public async Task An_alert_reaches_a_webhook_once_signed_even_when_its_first_try_times_out_and_slack_and_teams_accept_theirs()
    {
        using var maildev = await MaildevServer.StartAsync();
        await using var receiver = await PushReceiver.StartAsync();
        await using var service = await ServiceUnderTest.StartAsync([("wire", "/wire.xml", false)], feeds =>
            feeds.MapText("/wire.xml", Rss(feeds.BaseUri, Patrols)),
            settings: new Dictionary<string, string>
            {
                ["Smtp__Host"] = "127.0.0.1",
                ["Smtp__Port"] = maildev.SmtpPort.ToString(CultureInfo.InvariantCulture),
                ["Smtp__From"] = "Ingest <ingest@ingest.test>",
                ["Push__TimeoutSeconds"] = "2",
                ["Mail__RetryFirstDelay"] = "00:00:01",
            });
        const string email = "desk@newsroom.example";
        var now = DateTimeOffset.UtcNow;
        var subscriber = new Subscriber(ServiceUnderTest.Ids.For(email), email, SubscriberStatus.Active, ["kfor"], Frequency.Immediate, 7, "UTC", DayOfWeek.Monday, null, now, now);
        await new SubscriberTable(service.Account.GetTableClient(StorageLayout.Subscribers)).SaveAsync(subscriber, CancellationToken.None);
        var preferences = new Uri(service.HttpBase, $"api/subscriptions/preferences?token={Uri.EscapeDataString(new LinkSigner(ServiceUnderTest.SigningKey).Create(LinkPurpose.Preferences, subscriber, now.AddDays(1)))}");
        using var http = new HttpClient();

        var webhookPage = await AddAsync(http, preferences, "webhook", receiver.Url("/webhook"));
        receiver.Secret = Secret().Match(webhookPage).Value;
        var metadata = await http.PostAsync(preferences, Form("teams", "http://169.254.169.254/latest/meta-data/"));
        await AddAsync(http, preferences, "slack", receiver.Url("/slack"));
        var teamsPage = await AddAsync(http, preferences, "teams", receiver.Url("/teams"));
        var reopened = await http.GetStringAsync(preferences);

        Assert.Matches("^whsec_[0-9a-f]{64}$", receiver.Secret);
        Assert.DoesNotMatch(Secret(), teamsPage);
        Assert.DoesNotMatch(Secret(), reopened);
        Assert.Equal(HttpStatusCode.BadRequest, metadata.StatusCode);
        Assert.Contains("Ingest does not post to 169.254.169.254", WebUtility.HtmlDecode(await metadata.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(3, NothingPushedYet().Count(reopened));

        receiver.Stall("/webhook", 1, TimeSpan.FromSeconds(8));
        var polled = DateTimeOffset.UtcNow;
        await service.EnqueuePollAsync("wire", polled);
        await service.WaitForPollAsync("wire", polled.AddSeconds(-1));
        await service.WaitForAsync(() => Task.FromResult(receiver.Accepted.Count == 3), "the alert at the three endpoints", seconds: 120);

        Assert.Single(await maildev.MailsToAsync(email));
        Assert.Equal(["/slack", "/teams", "/webhook", "/webhook"], receiver.Tries.Select(t => t.Path).Order(StringComparer.Ordinal));
        Assert.Equal([null, null, null, "stalled"], receiver.Tries.Select(t => t.Refusal).Order(StringComparer.Ordinal));
        var webhook = receiver.Accepted.Single(p => p.Path == "/webhook");
        Assert.Equal(webhook.Json.GetProperty("id").GetString(), webhook.Headers[WebhookSignature.DeliveryHeader]);
        Assert.Equal(Patrols.Title, webhook.Json.GetProperty("items")[0].GetProperty("title").GetString());
        Assert.Contains(Patrols.Title, receiver.Accepted.Single(p => p.Path == "/slack").Json.GetRawText(), StringComparison.Ordinal);
        Assert.Contains(Patrols.Title, receiver.Accepted.Single(p => p.Path == "/teams").Json.GetRawText(), StringComparison.Ordinal);
        await service.WaitForAsync(async () => LastPushed().Count(await http.GetStringAsync(preferences)) == 3, "the preferences page to show the three pushes");
    }

    private static async Task<string> AddAsync(HttpClient http, Uri preferences, string kind, Uri url)
    {
        var response = await http.PostAsync(preferences, Form(kind, url.AbsoluteUri));
        var page = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, page);
        return page;
    }

    private static FormUrlEncodedContent Form(string kind, string url) =>
        new([new("action", "add-endpoint"), new(EndpointForm.KindField, kind), new(EndpointForm.UrlField, url)]);

    [GeneratedRegex("whsec_[0-9a-f]{64}")]
    private static partial Regex Secret();

    [GeneratedRegex("Nothing pushed yet")]
    private static partial Regex NothingPushedYet();

    [GeneratedRegex("Last pushed ")]
    private static partial Regex LastPushed();
}
