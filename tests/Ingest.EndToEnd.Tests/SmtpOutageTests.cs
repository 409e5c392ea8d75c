using System.Net.Http.Json;
using System.Text.Json;
using Ingest.Core.Digests;
using Ingest.Core.Subscriptions;
using Ingest.Storage;
using Ingest.Storage.Stores;
using Ingest.Testing;

namespace Ingest.EndToEnd.Tests;

/// <summary>The mail server away: digests fail loudly, are retried, end in the poison queue, and mail flows again once it is back.</summary>
public sealed class SmtpOutageTests
{
    private static readonly DigestPeriod Day = new("", "d-2026-11-22", new DateTimeOffset(2026, 11, 21, 6, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 22, 6, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_digest_that_cannot_be_sent_is_tried_five_times_then_poisoned_and_marked_failed_and_the_next_goes_out_when_smtp_is_back()
    {
        var smtpPort = LoopbackPort.GetUnused();
        await using var service = await ServiceUnderTest.StartAsync([("wire", "/wire.xml", false)], _ => { }, settings: new Dictionary<string, string>
        {
            ["Smtp__Host"] = "127.0.0.1",
            ["Smtp__Port"] = smtpPort.ToString(),
        });
        const string email = "outage@newsroom.example";
        await DigestTests.SeedHitsAsync(service.Account, "outage");
        await DigestTests.ActiveSubscriberAsync(service.Account, email);
        var period = Day with { SubscriberId = SubscriberIds.For(email) };

        await service.Account.GetQueueClient(StorageLayout.Digests).SendMessageAsync(period.ToMessage());
        var poison = service.Account.GetQueueClient(StorageLayout.PoisonQueue(StorageLayout.Digests));
        await service.WaitForAsync(async () => (await poison.PeekAllAsync()).Count == 1, "the move to digests-poison");

        Assert.Contains("SendDigest (queue digests, try 5) ", service.Host.Output);
        Assert.Contains("did not take the mail", service.Host.Output);
        var deliveries = new DeliveryTable(service.Account.GetTableClient(StorageLayout.Deliveries));
        var failed = await deliveries.GetAsync(period.SubscriberId, period.Id, CancellationToken.None);
        Assert.Equal(DeliveryStatus.Failed, failed?.Status);
        Assert.Contains("did not take the mail", failed?.Error);
        using (var http = new HttpClient())
        {
            // A digest that failed every retry waits in a poison queue for an operator: the service reports unhealthy.
            var response = await http.GetAsync(new Uri(service.HttpBase, "api/status"));
            Assert.True(response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}\n{service.Host.Output}");
            var status = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("unhealthy", status.GetProperty("status").GetString());
            Assert.Contains(status.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("digests-poison", StringComparison.Ordinal));
            var reported = Assert.Single(status.GetProperty("digests").GetProperty("failedDeliveries").EnumerateArray());
            Assert.Equal(period.Id, reported.GetProperty("period").GetString());
            Assert.Equal(1, status.GetProperty("queues").GetProperty("digests").GetProperty("poison").GetInt32());
        }

        using var maildev = await MaildevServer.StartAsync(smtpPort);
        var next = period with { Id = "d-2026-11-23", Start = period.Start, End = period.End };
        await service.Account.GetQueueClient(StorageLayout.Digests).SendMessageAsync(next.ToMessage());
        await service.WaitForAsync(async () => (await maildev.MailsToAsync(email)).Count == 1, "the digest after the outage");
        Assert.Equal(DeliveryStatus.Sent, (await deliveries.GetAsync(period.SubscriberId, "d-2026-11-23", CancellationToken.None))?.Status);

        // The poisoned period, put back by an operator, goes out once: its failed delivery is claimed, not skipped.
        await service.Account.GetQueueClient(StorageLayout.Digests).SendMessageAsync(period.ToMessage());
        await service.WaitForAsync(async () => (await maildev.MailsToAsync(email)).Count == 2, "the retried digest");
        Assert.Equal(DeliveryStatus.Sent, (await deliveries.GetAsync(period.SubscriberId, period.Id, CancellationToken.None))?.Status);
    }

    [Fact]
    public async Task A_recipient_refused_with_550_marks_the_delivery_failed_once_without_retries_or_poison()
    {
        const string gone = "left-the-paper@newsroom.example";
        await using var smtp = new RefusingSmtpServer(gone);
        await using var service = await ServiceUnderTest.StartAsync([("wire", "/wire.xml", false)], _ => { }, settings: new Dictionary<string, string>
        {
            ["Smtp__Host"] = "127.0.0.1",
            ["Smtp__Port"] = smtp.Port.ToString(),
        });
        await DigestTests.SeedHitsAsync(service.Account, "refused");
        await DigestTests.ActiveSubscriberAsync(service.Account, gone);
        var period = Day with { SubscriberId = SubscriberIds.For(gone) };

        await service.Account.GetQueueClient(StorageLayout.Digests).SendMessageAsync(period.ToMessage());

        var deliveries = new DeliveryTable(service.Account.GetTableClient(StorageLayout.Deliveries));
        await service.WaitForAsync(async () => (await deliveries.GetAsync(period.SubscriberId, period.Id, CancellationToken.None))?.Status == DeliveryStatus.Failed
            && (await service.Account.GetQueueClient(StorageLayout.Digests).PeekAllAsync()).Count == 0, "the refused delivery");
        var delivery = await deliveries.GetAsync(period.SubscriberId, period.Id, CancellationToken.None);
        Assert.Contains("550", delivery!.Error);
        Assert.Equal([(gone, 550)], smtp.Recipients);
        Assert.Empty(await service.Account.GetQueueClient(StorageLayout.PoisonQueue(StorageLayout.Digests)).PeekAllAsync());
        Assert.DoesNotContain("SendDigest (queue digests, try 2)", service.Host.Output);

        using var http = new HttpClient();
        var status = await http.GetAsync(new Uri(service.HttpBase, "api/status"));
        Assert.True(status.StatusCode == System.Net.HttpStatusCode.OK, $"{status.StatusCode}\n{service.Host.Output}");
        Assert.Equal("degraded", JsonDocument.Parse(await status.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
    }
}
