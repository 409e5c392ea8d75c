using System.Net;
using System.Text;
using System.Text.Json;
using Ingest.Core.Model;
using Ingest.Storage;
using Ingest.Testing;

namespace Ingest.EndToEnd.Tests;

/// <summary>
/// The subscribe answer comes before any subscriber is read, so its timing cannot tell known addresses from new ones
/// (a known one once answered in 5 ms, a new one in 14 ms).
/// </summary>
public sealed class SubscriptionQueueTests
{
    [Fact]
    public async Task With_the_subscribers_table_gone_requests_are_still_answered_alike_and_none_is_lost()
    {
        await using var service = await ServiceUnderTest.StartAsync([("wire", "/wire.xml", false)], _ => { }, settings: ServiceUnderTest.UnusedSmtp);
        await service.Account.GetTableClient(StorageLayout.Subscribers).DeleteAsync();
        using var http = new HttpClient();

        var answers = new List<(HttpStatusCode, string)>();
        foreach (var email in new[] { "first@example.org", "second@example.org" })
        {
            var body = JsonSerializer.Serialize(new { email, topics = new[] { "kfor" } });
            var response = await http.PostAsync(new Uri(service.HttpBase, "api/subscriptions"), new StringContent(body, Encoding.UTF8, "application/json"));
            answers.Add((response.StatusCode, await response.Content.ReadAsStringAsync()));
        }

        Assert.True(answers[0].Item1 == HttpStatusCode.Accepted, answers[0].Item2 + service.Host.Output);
        Assert.Single(answers.Distinct());

        // Handling them fails without the table; after the last try both wait in the poison queue for an operator.
        var poison = service.Account.GetQueueClient(QueueNames.Poison(QueueNames.SubscriptionRequests));
        await service.WaitForAsync(async () => (await poison.PeekAllAsync()).Count == 2, "both requests in subscription-requests-poison");
        var kept = (await poison.PeekAllAsync()).Select(m => JsonDocument.Parse(m.MessageText).RootElement.GetProperty("Email").GetString());
        Assert.Equal(["first@example.org", "second@example.org"], kept.Order());
    }
}
