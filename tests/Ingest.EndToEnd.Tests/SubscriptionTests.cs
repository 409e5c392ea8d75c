using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ingest.Core.Model;
using Ingest.Core.Subscriptions;
using Ingest.Testing;

namespace Ingest.EndToEnd.Tests;

/// <summary>Double opt-in and one-click unsubscribe through <c>ingest host</c>, the handler, Azurite and a real SMTP server (maildev).</summary>
public sealed partial class SubscriptionTests(MailingServiceFixture fixture) : IClassFixture<MailingServiceFixture>, IDisposable
{
    private readonly MaildevServer _maildev = fixture.Maildev;
    private readonly ServiceUnderTest _service = fixture.Service;
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false });

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Subscribing_mails_a_link_whose_one_click_confirms_and_one_click_unsubscribe_ends_it()
    {
        var response = await Subscribe(new { email = "Analyst@Example.org", topics = new[] { "kfor", "arms" }, frequency = "daily", hour = 7, timeZone = "Europe/Belgrade" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var confirmation = await fixture.WaitForMailAsync("analyst@example.org", 1);
        Assert.Equal("Confirm your Ingest subscription", confirmation.Subject);
        // What was asked for, in words: topics by their titles, how often and when.
        Assert.Contains("A daily digest at 07:00 (Europe/Belgrade time)", confirmation.Text);
        foreach (var title in await TopicTitlesAsync("kfor", "arms"))
        {
            Assert.Contains($"* {title}", confirmation.Text);
        }

        Assert.DoesNotContain("kfor, arms", confirmation.Text);
        Assert.Contains("Confirm the subscription", confirmation.Html);
        var unsubscribeHeader = confirmation.Headers["list-unsubscribe"];
        Assert.Matches(@"^<http://localhost:\d+/api/subscriptions/unsubscribe\?token=[^>]+>$", unsubscribeHeader);
        Assert.Equal("List-Unsubscribe=One-Click", confirmation.Headers["list-unsubscribe-post"]);
        Assert.Equal(SubscriberStatus.Pending, (await fixture.SubscriberAsync("analyst@example.org")).Status);

        var scanned = await _http.GetAsync(MailingServiceFixture.ConfirmLink().Match(confirmation.Text!).Value);
        Assert.Equal(SubscriberStatus.Pending, (await fixture.SubscriberAsync("analyst@example.org")).Status);
        Assert.Contains("<form method=\"post\"", await scanned.Content.ReadAsStringAsync());
        var confirm = await MailingServiceFixture.ConfirmAsync(_http, confirmation);
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.Contains("Subscription confirmed", await confirm.Content.ReadAsStringAsync());
        var active = await fixture.SubscriberAsync("analyst@example.org");
        Assert.Equal((SubscriberStatus.Active, "Europe/Belgrade", 7), (active.Status, active.TimeZone, active.Hour));
        Assert.Equal(["kfor", "arms"], active.Topics);

        // A mail client's one-click unsubscribe (RFC 8058): a POST with this exact body, no page, no second step.
        var oneClick = await _http.PostAsync(unsubscribeHeader.Trim('<', '>'), new StringContent("List-Unsubscribe=One-Click", Encoding.ASCII, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        Assert.Equal(SubscriberStatus.Unsubscribed, (await fixture.SubscriberAsync("analyst@example.org")).Status);
    }

    [Fact]
    public async Task The_confirmation_page_links_to_preferences_where_topics_frequency_and_threshold_change()
    {
        await Subscribe(new { email = "prefs@example.org", topics = "kfor", frequency = "daily" });
        var mail = await fixture.WaitForMailAsync("prefs@example.org", 1);
        var confirmed = await (await MailingServiceFixture.ConfirmAsync(_http, mail)).Content.ReadAsStringAsync();
        var preferences = WebUtility.HtmlDecode(PreferencesLink().Match(confirmed).Groups[1].Value);

        var form = await (await _http.GetAsync(preferences)).Content.ReadAsStringAsync();
        var saved = await _http.PostAsync(preferences, new FormUrlEncodedContent([
            new("topics", "arms"), new("topics", "ipap"), new("frequency", "weekly"), new("hour", "9"), new("timeZone", "Europe/Tirane"), new("weekday", "friday"), new("minScore", "best"),
            new("watches", "Вучић Брисел\r\n\r\nferry NEAR/3 strike")]));
        var refused = await _http.PostAsync(preferences, new FormUrlEncodedContent([new("topics", "football"), new("frequency", "weekly")]));
        var badWatch = await _http.PostAsync(preferences, new FormUrlEncodedContent([new("topics", "kfor"), new("watches", "ferry\r\nferry OR strike")]));
        var reopened = await (await _http.GetAsync(preferences)).Content.ReadAsStringAsync();
        var forged = await _http.GetAsync(preferences.Replace("token=p.", "token=u.", StringComparison.Ordinal));

        Assert.Contains("value=\"kfor\" checked", form);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var subscriber = await fixture.SubscriberAsync("prefs@example.org");
        Assert.Equal((Frequency.Weekly, 9, "Europe/Tirane", DayOfWeek.Friday, SubscriptionForm.BestOnlyScore), (subscriber.Frequency, subscriber.Hour, subscriber.TimeZone, subscriber.Weekday, subscriber.MinScore));
        Assert.Equal(["arms", "ipap"], subscriber.Topics);
        Assert.Equal(["Вучић Брисел", "ferry NEAR/3 strike"], subscriber.Watches);
        Assert.Contains("Вучић Брисел\nferry NEAR/3 strike</textarea>", WebUtility.HtmlDecode(reopened));
        Assert.Equal(HttpStatusCode.BadRequest, badWatch.StatusCode);
        Assert.Contains("line 2 cannot say OR", WebUtility.HtmlDecode(await badWatch.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var refusal = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("1 unknown topic(s); choose from: ", refusal);
        Assert.DoesNotContain("football", refusal);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    [Fact]
    public async Task An_unsubscribe_link_opened_with_GET_only_shows_the_button()
    {
        await Subscribe(new { email = "reader@example.org", topics = "ipap" });
        var mail = await fixture.WaitForMailAsync("reader@example.org", 1);

        var page = await _http.GetAsync(mail.Headers["list-unsubscribe"].Trim('<', '>'));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<form method=\"post\"", await page.Content.ReadAsStringAsync());
        Assert.Equal(SubscriberStatus.Pending, (await fixture.SubscriberAsync("reader@example.org")).Status);
    }

    [Fact]
    public async Task Fifty_concurrent_requests_for_one_address_from_fifty_clients_send_one_confirmation_and_every_answer_looks_the_same()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(async i =>
        {
            var response = await Subscribe(new { email = "victim@example.org", topics = "kfor" }, clientAddress: $"127.0.1.{i + 1}");
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }));

        // A message being handled is invisible, so empty queues alone do not mean the mail has gone: wait for it too.
        await fixture.WaitForMailAsync("victim@example.org", 1);
        await WaitUntilRequestsHandledAsync();
        Assert.Single(await _maildev.MailsToAsync("victim@example.org"));
        Assert.Single(answers.Distinct());
        Assert.Equal(HttpStatusCode.Accepted, answers[0].StatusCode);
    }

    [Fact]
    public async Task One_client_is_slowed_down_after_twenty_requests_whatever_X_Forwarded_For_claims()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 25; i++)
        {
            statuses.Add((await Subscribe(new { email = $"person{i}@example.org", topics = "kfor" }, clientAddress: "127.0.2.9", claimedAddress: $"198.51.100.{i}")).StatusCode);
        }

        var other = await Subscribe(new { email = "neighbour@example.org", topics = "kfor" }, clientAddress: "127.0.2.10");

        Assert.Equal(20, statuses.Count(s => s == HttpStatusCode.Accepted));
        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.Equal(HttpStatusCode.Accepted, other.StatusCode);
    }

    [Theory]
    [InlineData("""{"email":"not-an-address","topics":["kfor"]}""", "email")]
    [InlineData("""{"email":"a@example.org\r\nBcc: everyone@example.org","topics":["kfor"]}""", "email")]
    [InlineData("""{"email":"Someone <a@example.org>","topics":["kfor"]}""", "email")]
    [InlineData("""{"email":"a@example.org","topics":["kfor","football"]}""", "topics")]
    [InlineData("""{"email":"a@example.org","topics":[]}""", "topics")]
    [InlineData("""{"email":"a@example.org","topics":["kfor"],"frequency":"hourly"}""", "frequency")]
    [InlineData("""{"email":"a@example.org","topics":["kfor"],"hour":"25"}""", "hour")]
    [InlineData("""{"email":"a@example.org","topics":["kfor"],"timeZone":"Mars/Olympus"}""", "timeZone")]
    [InlineData("""{"email":"a@example.org","topics":["kfor"],"weekday":"someday"}""", "weekday")]
    [InlineData("""{"email":"a@example.org","topics":["kfor"],"minScore":"lots"}""", "minScore")]
    [InlineData("""[1,2,3]""", "body")]
    [InlineData("""{"email":""", "body")]
    [InlineData("""{"email":"a@example.org","topics":["kfor"],"frequency":"daily,weekly"}""", "frequency")]
    [InlineData("""{"email":"a@example.org","topics":["kfor"],"frequency":"1"}""", "frequency")]
    [InlineData("""{"email":"a@example.org","topics":["kfor"],"frequency":"weekly","weekday":"friday,saturday"}""", "weekday")]
    [InlineData("""{"email":"a@example.org","topics":["kfor"],"email":"b@example.org"}""", "body")]
    [InlineData("""{"email":"a@[127.0.0.1]","topics":["kfor"]}""", "email")]
    [InlineData("""{"email":"a@127.0.0.1","topics":["kfor"]}""", "email")]
    [InlineData("""{"email":"a@example.org","topics":["<script>alert(1)</script>"]}""", "topics")]
    [InlineData("""{"email":"a@example.org"}""", "topics")]
    [InlineData("""{"email":"a@example.org","watches":["-only -exclusions"]}""", "watches")]
    [InlineData("""{"email":"a@example.org","watches":"fine\n\"never closed"}""", "watches")]
    [InlineData("""{"email":"a@example.org","watches":["w1","w2","w3","w4","w5","w6","w7","w8","w9","w10","w11"]}""", "watches")]
    public async Task A_bad_request_gets_a_400_naming_each_bad_field_and_sends_nothing(string body, string field)
    {
        // A client of its own per case, so the cases never add up to the per-client limit.
        using var client = LoopbackClient.From($"127.0.4.{(uint)body.GetHashCode() % 250 + 1}");
        var response = await client.PostAsync(new Uri(_service.HttpBase, "api/subscriptions"), new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var text = await response.Content.ReadAsStringAsync();
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var error), errors.ToString());
        Assert.DoesNotContain("script", text);
        Assert.DoesNotContain("Mars", error.GetString());
        Assert.DoesNotContain("someday", error.GetString());
        Assert.Empty(await _maildev.MailsToAsync("a@example.org"));
        Assert.Empty(await _maildev.MailsToAsync("everyone@example.org"));
    }

    [Fact]
    public async Task An_address_with_an_internationalised_domain_is_confirmed_and_mailed_and_status_stays_200()
    {
        const string address = "urednik@пример.срб";

        var response = await Subscribe(new { email = address, topics = "kfor" });
        var mail = await WaitForMailToAnyAsync(address, "urednik@xn--e1afmkfd.xn--90a3ac");
        var confirmed = await MailingServiceFixture.ConfirmAsync(_http, mail);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(SubscriberStatus.Active, (await fixture.SubscriberAsync(address)).Status);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync(new Uri(_service.HttpBase, "api/status"))).StatusCode);
    }

    [Fact]
    public async Task An_address_with_a_non_ascii_local_part_is_refused_with_400_and_nothing_is_queued()
    {
        var response = await Subscribe(new { email = "ана@пример.срб", topics = "kfor" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Contains("letters outside ASCII", errors.GetProperty("email").GetString());
        Assert.DoesNotContain(await _service.Account.GetQueueClient(QueueNames.SubscriptionRequests).PeekAllAsync(), m => m.MessageText.Contains(ServiceUnderTest.Ids.For("ана@пример.срб"), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("application/json", "{\"email\":\"a\xC3\x28@example.org\",\"topics\":[\"kfor\"]}", "email")]
    [InlineData("application/json", "{\"email\":\"a@example.org\",\"topics\":[\"kf\xFF\"]}", "topics")]
    [InlineData("application/x-www-form-urlencoded", "email=a%ZZ%40example.org&topics=kfor", "email")]
    [InlineData("application/x-www-form-urlencoded", "email=a%40example.org&topics=kfor%C3%28", "topics")]
    [InlineData("application/x-www-form-urlencoded", "email=a%40example.org&topics=kfor&hour=%", "hour")]
    public async Task A_body_that_is_not_utf8_or_not_percent_encoding_is_a_400_naming_the_field(string mediaType, string latin1Body, string field)
    {
        // The body's bytes as written (Latin-1 keeps each \xNN a single byte), so the text is broken as a client could break it.
        var content = new ByteArrayContent(Encoding.Latin1.GetBytes(latin1Body));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
        using var client = LoopbackClient.From("127.0.5.1");

        var response = await client.PostAsync(new Uri(_service.HttpBase, "api/subscriptions"), content);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{response.StatusCode}: {text}");
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), errors.ToString());
    }

    [Fact]
    public async Task A_preferences_form_with_broken_percent_encoding_is_a_400_page_and_changes_nothing()
    {
        await Subscribe(new { email = "broken-form@example.org", topics = "kfor", frequency = "daily" });
        var mail = await fixture.WaitForMailAsync("broken-form@example.org", 1);
        var confirmed = await (await MailingServiceFixture.ConfirmAsync(_http, mail)).Content.ReadAsStringAsync();
        var preferences = WebUtility.HtmlDecode(PreferencesLink().Match(confirmed).Groups[1].Value);

        var response = await _http.PostAsync(preferences, new StringContent("topics=arms&frequency=weekly%E2%8&hour=9", Encoding.ASCII, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("text/html", response.Content.Headers.ContentType?.ToString());
        Assert.Contains("not valid UTF-8 or percent-encoding", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        var unchanged = await fixture.SubscriberAsync("broken-form@example.org");
        Assert.Equal(Frequency.Daily, unchanged.Frequency);
        Assert.Equal(["kfor"], unchanged.Topics);
    }

    [Fact]
    public async Task An_oversized_body_is_refused()
    {
        var body = JsonSerializer.Serialize(new { email = "a@example.org", topics = "kfor", padding = new string('x', 40_000) });

        var response = await _http.PostAsync(new Uri(_service.HttpBase, "api/subscriptions"), new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("larger than 16 KB", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_forged_or_reused_link_confirms_nothing()
    {
        await Subscribe(new { email = "someone@example.org", topics = "kfor" });
        var mail = await fixture.WaitForMailAsync("someone@example.org", 1);
        var unsubscribeToken = mail.Headers["list-unsubscribe"].Split("token=")[1].TrimEnd('>');

        var forged = await _http.GetAsync(new Uri(_service.HttpBase, "api/subscriptions/confirm?token=c." + ServiceUnderTest.Ids.For("someone@example.org") + ".0.9999999999.AAAA"));
        var wrongPurpose = await _http.GetAsync(new Uri(_service.HttpBase, "api/subscriptions/confirm?token=" + unsubscribeToken));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrongPurpose.StatusCode);
        Assert.Equal(SubscriberStatus.Pending, (await fixture.SubscriberAsync("someone@example.org")).Status);
    }

    /// <param name="clientAddress">The loopback address the request comes from: the rate limit tells clients apart by it.</param>
    /// <param name="claimedAddress">What the client writes in <c>X-Forwarded-For</c>, which must change nothing.</param>
    private async Task<HttpResponseMessage> Subscribe(object body, string clientAddress = "127.0.3.1", string? claimedAddress = null)
    {
        // With a Content-Length: the Functions host forwards no chunked body, and neither does ingest host.
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_service.HttpBase, "api/subscriptions"))
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        if (claimedAddress is not null)
        {
            request.Headers.Add("X-Forwarded-For", claimedAddress);
        }

        using var client = LoopbackClient.From(clientAddress);
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    /// <summary>The first mail maildev holds for any of these spellings of one address (UTF-8 or punycode domain).</summary>
    private async Task<ReceivedMail> WaitForMailToAnyAsync(params string[] spellings)
    {
        ReceivedMail? found = null;
        await _service.WaitForAsync(async () =>
        {
            foreach (var spelling in spellings)
            {
                if ((await _maildev.MailsToAsync(spelling)) is [var mail, ..])
                {
                    found = mail;
                    return true;
                }
            }

            return false;
        }, $"mail to {spellings[0]}");
        return found!;
    }

    /// <summary>Requests are handled from the subscription-requests queue after the answer; waits until none is left.</summary>
    private Task WaitUntilRequestsHandledAsync() =>
        _service.WaitForAsync(async () => (await _service.Account.GetQueueClient(QueueNames.SubscriptionRequests).PeekAllAsync()).Count == 0
            && (await _service.Account.GetQueueClient(QueueNames.Emails).PeekAllAsync()).Count == 0, "the queued requests and mails");




    private async Task<IEnumerable<string>> TopicTitlesAsync(params string[] ids)
    {
        using var topics = JsonDocument.Parse(await _http.GetStringAsync(new Uri(_service.HttpBase, "api/topics")));
        return topics.RootElement.GetProperty("topics").EnumerateArray()
            .Where(t => ids.Contains(t.GetProperty("id").GetString()))
            .Select(t => t.GetProperty("title").GetString()!)
            .ToList();
    }

    [GeneratedRegex("<a href=\"([^\"]+/api/subscriptions/preferences\\?token=[^\"]+)\"")]
    private static partial Regex PreferencesLink();
}
