using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Ingest.Core.Model;
using Ingest.Core.Subscriptions;
using Ingest.Core.Topics;
using Ingest.Storage;
using Ingest.Storage.Stores;
using Json.Schema;

namespace Ingest.EndToEnd.Tests;

/// <summary>
/// The read API through the running service: a subscriber's token reads their topics a page at a time, with ETags;
/// the answers fit the OpenAPI document the service serves; a missing, forged or stale token gets one and the same
/// 401; the operator key reads every topic.
/// </summary>
public sealed class ReadApiTests
{
    private const string OperatorKey = "operator-key-for-the-end-to-end-tests";

    [Fact]
    public async Task A_subscriber_pages_through_their_hits_and_stories_with_etags_and_answers_fit_the_openapi_document()
    {
        await using var service = await StartAsync();
        var (subscriber, _) = await StoreAsync(service);
        using var http = Client(service, new LinkSigner(ServiceUnderTest.SigningKey).CreateFeed(subscriber));
        var document = JsonDocument.Parse(await http.GetStringAsync("api/openapi.json")).RootElement;

        var titles = new List<string>();
        var next = "api/hits?limit=2";
        while (next is not null)
        {
            var page = await GetAsync(http, next, document, "HitPage");
            titles.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!));
            next = page.GetProperty("next").GetString() is { } cursor ? $"api/hits?limit=2&cursor={Uri.EscapeDataString(cursor)}" : null;
        }

        Assert.Equal(["Night patrols at Jarinje", "Ноћне патроле на Јарињу", "Howitzers for the army"], titles);
        var stories = await GetAsync(http, "api/stories?q=jarinj*", document, "StoryPage");
        var story = Assert.Single(stories.GetProperty("items").EnumerateArray());
        Assert.Equal(2, story.GetProperty("reports").GetArrayLength());

        var first = await http.GetAsync("api/hits?topic=kfor");
        var again = new HttpRequestMessage(HttpMethod.Get, "api/hits?topic=kfor");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await http.SendAsync(again)).StatusCode);
        var stranger = await http.GetAsync("api/hits?topic=ipap");
        Assert.Equal(HttpStatusCode.BadRequest, stranger.StatusCode);
        var badLimit = await http.GetAsync("api/hits?limit=500");
        Assert.Contains("\"limit\"", await badLimit.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_forged_or_stale_token_gets_the_same_401_and_the_operator_key_reads_every_topic()
    {
        await using var service = await StartAsync();
        var (subscriber, gone) = await StoreAsync(service);
        var signer = new LinkSigner(ServiceUnderTest.SigningKey);

        string?[] tokens =
        [
            null,
            "not-a-token",
            new LinkSigner("another-signing-key-not-the-service-one").CreateFeed(subscriber),
            signer.CreateFeed(subscriber.Id, subscriber.LinkGeneration + 1),
            signer.CreateFeed(gone),
            signer.CreateFeed("nobody-by-this-id", 0),
            signer.Create(LinkPurpose.Preferences, subscriber, DateTimeOffset.UtcNow.AddDays(1)),
        ];
        var answers = new List<(HttpStatusCode Status, string Body, string? Challenge)>();
        foreach (var token in tokens)
        {
            using var http = Client(service, token);
            var response = await http.GetAsync("api/hits");
            answers.Add((response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.WwwAuthenticate.ToString()));
        }

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Unauthorized, a.Status));
        Assert.Single(answers.Select(a => a.Body).Distinct(StringComparer.Ordinal));
        Assert.All(answers, a => Assert.StartsWith("Bearer", a.Challenge, StringComparison.Ordinal));

        using var operatorClient = Client(service, OperatorKey);
        var all = JsonDocument.Parse(await operatorClient.GetStringAsync("api/hits?topic=ipap")).RootElement;
        Assert.Equal("Serbia's IPAP reviewed", Assert.Single(all.GetProperty("items").EnumerateArray()).GetProperty("title").GetString());
    }

    private static Task<ServiceUnderTest> StartAsync() =>
        ServiceUnderTest.StartAsync([], _ => { }, settings: new Dictionary<string, string>(ServiceUnderTest.UnusedSmtp) { ["ApiOperatorKey"] = OperatorKey });

    private static HttpClient Client(ServiceUnderTest service, string? token)
    {
        var http = new HttpClient { BaseAddress = service.HttpBase };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }

    /// <summary>A page, checked against its schema in the served OpenAPI document.</summary>
    private static async Task<JsonElement> GetAsync(HttpClient http, string path, JsonElement document, string schemaName)
    {
        var response = await http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var schema = JsonSchema.FromText(document.GetProperty("components").GetProperty("schemas").GetProperty(schemaName).GetRawText());
        var json = JsonDocument.Parse(body).RootElement;
        var result = schema.Evaluate(json, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, $"{path} does not fit {schemaName}: {body}");
        return json;
    }

    /// <summary>Four hits (kfor, arms, ipap) and two subscribers: an active one following kfor and arms, and one who left.</summary>
    private static async Task<(Subscriber Active, Subscriber Gone)> StoreAsync(ServiceUnderTest service)
    {
        var now = DateTimeOffset.UtcNow;
        StoredHit Hit(string topic, string key, string title, int hoursAgo, string language, string story) =>
            new(topic, key.PadRight(32, '0'), title, $"https://news.example.org/{key}", "wire", now.AddHours(-hoursAgo), 7, [new MatchedTerm(topic.ToUpperInvariant(), 1)], $"{title}.", FoundAt: now, StoryId: story, Language: language);
        await new ArticleTable(service.Account.GetTableClient(StorageLayout.Articles), service.Account.GetTableClient(StorageLayout.Hits)).SaveAsync([],
            [
                Hit("kfor", "a1", "Night patrols at Jarinje", 1, "en", "s-jarinje"),
                Hit("kfor", "a2", "Ноћне патроле на Јарињу", 2, "sr-Cyrl", "s-jarinje"),
                Hit("arms", "a3", "Howitzers for the army", 3, "en", "s-howitzers"),
                Hit("ipap", "a4", "Serbia's IPAP reviewed", 4, "en", "s-ipap"),
            ],
            CancellationToken.None);
        var subscribers = new SubscriberTable(service.Account.GetTableClient(StorageLayout.Subscribers));
        var active = new Subscriber("apireader01", "api@example.org", SubscriberStatus.Active, ["kfor", "arms"], Frequency.Daily, 7, "UTC", DayOfWeek.Monday, null, now.AddDays(-2), ConfirmedAt: now.AddDays(-2));
        var gone = active with { Id = "apireader02", Email = "left@example.org", Status = SubscriberStatus.Unsubscribed, UnsubscribedAt = now.AddDays(-1) };
        await subscribers.SaveAsync(active, CancellationToken.None);
        await subscribers.SaveAsync(gone, CancellationToken.None);
        return (active, gone);
    }
}
