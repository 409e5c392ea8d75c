using System.Net;
using System.Text;
using System.Text.Json;
using Ingest.Storage;

namespace Ingest.EndToEnd.Tests;

/// <summary>
/// Storage going away under the HTTP functions: a request that could not be done is never answered as a success,
/// and the same request works once storage is back.
/// </summary>
public sealed class StorageOutageTests
{
    [Fact]
    public async Task A_subscribe_while_storage_is_away_is_a_503_with_retry_after_and_the_same_request_succeeds_when_it_is_back()
    {
        await using var service = await ServiceUnderTest.StartAsync([("wire", "/wire.xml", false)], _ => { }, settings: ServiceUnderTest.UnusedSmtp);
        const string body = """{"email":"outage-subscriber@example.org","topics":["kfor"],"frequency":"daily"}""";
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(3) };

        service.BreakStorage();
        using var refused = await PostJsonAsync(http, service, body);
        using var refusedPage = await PostFormAsync(http, service, "email=outage-page%40example.org&topics=kfor");
        service.RestoreStorage();
        using var accepted = await PostJsonAsync(http, service, body);

        var refusal = await refused.Content.ReadAsStringAsync();
        Assert.True(refused.StatusCode == HttpStatusCode.ServiceUnavailable, $"{refused.StatusCode}: {refusal}\n{service.Host.Output}");
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        Assert.Contains("storage is not answering", JsonDocument.Parse(refusal).RootElement.GetProperty("error").GetString());
        Assert.True(refusedPage.StatusCode == HttpStatusCode.ServiceUnavailable, $"{refusedPage.StatusCode}\n{service.Host.Output}");
        Assert.NotNull(refusedPage.Headers.RetryAfter?.Delta);
        Assert.Contains("text/html", refusedPage.Content.Headers.ContentType?.ToString());
        Assert.Contains("storage is not answering", WebUtility.HtmlDecode(await refusedPage.Content.ReadAsStringAsync()));

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var subscribers = service.Account.GetTableClient(StorageLayout.Subscribers);
        await service.WaitForAsync(
            async () => (await subscribers.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>("sub", ServiceUnderTest.Ids.For("outage-subscriber@example.org"))).HasValue,
            "the subscription stored after storage came back");
        Assert.False((await subscribers.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>("sub", ServiceUnderTest.Ids.For("outage-page@example.org"))).HasValue);
    }

    private static Task<HttpResponseMessage> PostJsonAsync(HttpClient http, ServiceUnderTest service, string body) =>
        http.PostAsync(new Uri(service.HttpBase, "api/subscriptions"), new StringContent(body, Encoding.UTF8, "application/json"));

    private static Task<HttpResponseMessage> PostFormAsync(HttpClient http, ServiceUnderTest service, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(service.HttpBase, "api/subscriptions"))
        {
            Content = new StringContent(body, Encoding.ASCII, "application/x-www-form-urlencoded"),
        };
        request.Headers.Accept.ParseAdd("text/html");
        return http.SendAsync(request);
    }

    [Fact]
    public async Task A_worker_whose_host_was_killed_ends_itself()
    {
        await using var service = await ServiceUnderTest.StartAsync([("wire", "/wire.xml", false)], _ => { }, settings: ServiceUnderTest.UnusedSmtp);
        using var worker = System.Diagnostics.Process.GetProcessById(service.HandlerPid);

        // SIGKILL: the host gets no chance to end its worker itself.
        System.Diagnostics.Process.GetProcessById(service.Host.Id).Kill();

        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await worker.WaitForExitAsync(patience.Token);
        Assert.True(worker.HasExited);
    }

    [Fact]
    public async Task Status_still_shows_a_timers_failures_after_a_storage_outage_has_ended()
    {
        await using var service = await ServiceUnderTest.StartAsync([("wire", "/wire.xml", false)], _ => { }, pollSchedule: "*/2 * * * * *", settings: ServiceUnderTest.UnusedSmtp);
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        await service.WaitForAsync(async () => (await service.RowsAsync(StorageLayout.Runs)).Any(r => r.RowKey == "PollFeeds"), "a first run of PollFeeds");

        service.BreakStorage();
        await service.Host.WaitForLineAsync(new System.Text.RegularExpressions.Regex(@"PollFeeds \(timer\) \d+ ms.*(fail|Fail)"), TimeSpan.FromMinutes(2));
        service.RestoreStorage();
        var back = DateTimeOffset.UtcNow;
        await service.WaitForAsync(async () => (await service.RowsAsync(StorageLayout.Runs)).Any(r => r.RowKey == "PollFeeds" && r.GetDateTimeOffset("lastRunAt") > back), "a run of PollFeeds after the outage", seconds: 120);

        using var status = JsonDocument.Parse(await http.GetStringAsync(new Uri(service.HttpBase, "api/status")));
        var pollFeeds = status.RootElement.GetProperty("timers").GetProperty("PollFeeds");
        Assert.True(pollFeeds.GetProperty("lastFailedAt").ValueKind == JsonValueKind.String, pollFeeds.ToString());
        Assert.True(pollFeeds.GetProperty("failedRuns").GetInt32() >= 1, pollFeeds.ToString());
        Assert.Contains("storage", pollFeeds.GetProperty("lastFailure").GetString());
    }
}
