using System.Globalization;
using System.Text.Json;
using Ingest.Core.Deliveries;
using Ingest.Core.Mail;
using Ingest.Core.Model;
using Ingest.Storage;
using Ingest.Storage.Stores;
using Ingest.Testing;

namespace Ingest.EndToEnd.Tests;

/// <summary>The mail server away: digests fail loudly, are retried, end in the poison queue, and mail flows again once it is back.</summary>
public sealed class SmtpOutageTests
{
    private static readonly DigestPeriod Day = new("", "d-2026-11-22", new DateTimeOffset(2026, 11, 21, 6, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 22, 6, 0, 0, TimeSpan.Zero));

    /// <summary>Tries one to two seconds apart, for at most a window of twenty: an outage of hours, told in seconds.</summary>
    private static Dictionary<string, string> Smtp(int port, string window = "00:00:20") => new()
    {
        ["Smtp__Host"] = "127.0.0.1",
        ["Smtp__Port"] = port.ToString(CultureInfo.InvariantCulture),
        ["Mail__RetryFirstDelay"] = "00:00:01",
        ["Mail__RetryMaxDelay"] = "00:00:02",
        ["Mail__RetryWindow"] = window,
    };

    [Fact]
    public async Task Alerts_due_during_an_outage_longer_than_five_tries_reach_each_subscriber_once_when_the_server_is_back_with_no_operator_step()
    {
        var smtpPort = LoopbackPort.GetUnused();
        await using var service = await ServiceUnderTest.StartAsync([("wire", "/wire.xml", false)], _ => { }, settings: Smtp(smtpPort, window: "00:05:00"));
        string[] readers = ["first-reader@newsroom.example", "second-reader@newsroom.example"];
        foreach (var reader in readers)
        {
            await DigestTests.ActiveSubscriberAsync(service.Account, reader, ["kfor"], Frequency.Immediate);
        }

        service.Feeds.MapText("/wire.xml", SampleFeeds.Rss(service.Feeds.BaseUri, SampleFeeds.Kfor));
        await service.EnqueuePollAsync("wire", DateTimeOffset.UtcNow);
        var deliveries = service.Account.GetTableClient(StorageLayout.Deliveries);
        // The server stays away for more tries than a queue message has before poison (five, at once, in the old way).
        await service.WaitForAsync(async () => (await service.RowsAsync(StorageLayout.Deliveries)).Count(r => r.GetInt32("attempts") >= 7) == readers.Length, "seven failed tries for each reader");

        using var maildev = await MaildevServer.StartAsync(smtpPort);
        foreach (var reader in readers)
        {
            await service.WaitForAsync(async () => (await maildev.MailsToAsync(reader)).Count == 1, $"the alert to {reader} after the outage");
        }

        var alerts = service.Account.GetQueueClient(QueueNames.Alerts);
        await service.WaitForAsync(async () => (await alerts.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0, "the alerts queue to drain");
        Assert.All(readers, reader => Assert.Single(maildev.MailsToAsync(reader).Result));
        Assert.All(await service.RowsAsync(StorageLayout.Deliveries), row => Assert.Equal(nameof(DeliveryStatus.Sent), row.GetString("status")));
        Assert.Empty(await service.Account.GetQueueClient(QueueNames.Poison(QueueNames.Alerts)).PeekAllAsync());
        Assert.Contains("tried again in", service.Host.Output);
    }

    [Fact]
    public async Task A_digest_the_server_never_takes_within_the_window_is_poisoned_and_marked_failed_and_goes_once_when_put_back()
    {
        var smtpPort = LoopbackPort.GetUnused();
        await using var service = await ServiceUnderTest.StartAsync([("wire", "/wire.xml", false)], _ => { }, settings: Smtp(smtpPort, window: "00:00:05"));
        const string email = "outage@newsroom.example";
        await DigestTests.SeedHitsAsync(service.Account, "outage");
        await DigestTests.ActiveSubscriberAsync(service.Account, email);
        var period = Day with { SubscriberId = ServiceUnderTest.Ids.For(email) };

        await service.Account.GetQueueClient(QueueNames.Digests).SendMessageAsync(QueueJson.Write(period));
        var poison = service.Account.GetQueueClient(QueueNames.Poison(QueueNames.Digests));
        await service.WaitForAsync(async () => (await poison.PeekAllAsync()).Count == 1, "the move to digests-poison");
        // The line is logged after the move, and reaches the host's output a moment later.
        await service.WaitForAsync(() => Task.FromResult(service.Host.Output.Contains("moved to digests-poison", StringComparison.Ordinal)), "the log line of the move");

        Assert.Contains("did not take the mail", service.Host.Output);
        var deliveries = new DeliveryTable(service.Account.GetTableClient(StorageLayout.Deliveries));
        var failed = await deliveries.GetAsync(period.SubscriberId, period.Id, CancellationToken.None);
        Assert.Equal(DeliveryStatus.Failed, failed?.Status);
        Assert.Contains("did not take the mail", failed?.Error);
        Assert.True(failed!.Attempts > 1, $"{failed.Attempts} tries");
        using (var http = new HttpClient())
        {
            // A digest that failed for the whole window waits in a poison queue for an operator: the service reports unhealthy.
            var response = await http.GetAsync(new Uri(service.HttpBase, "api/status"));
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable, $"{response.StatusCode}: {text}\n{service.Host.Output}");
            var status = JsonDocument.Parse(text).RootElement;
            Assert.Equal("unhealthy", status.GetProperty("status").GetString());
            Assert.Contains(status.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("digests-poison", StringComparison.Ordinal));
            var reported = Assert.Single(status.GetProperty("digests").GetProperty("failedDeliveries").EnumerateArray());
            Assert.Equal(period.Id, reported.GetProperty("period").GetString());
            Assert.Equal(1, status.GetProperty("queues").GetProperty("digests").GetProperty("poison").GetInt32());
            Assert.DoesNotContain(email, text);
        }

        using var maildev = await MaildevServer.StartAsync(smtpPort);
        var next = period with { Id = "d-2026-11-23", Start = period.Start, End = period.End };
        await service.Account.GetQueueClient(QueueNames.Digests).SendMessageAsync(QueueJson.Write(next));
        await service.WaitForAsync(async () => (await maildev.MailsToAsync(email)).Count == 1, "the digest after the outage");
        // The mail reaches the server before the delivery is marked sent: the mark is waited for, not raced.
        await service.WaitForAsync(async () => (await deliveries.GetAsync(period.SubscriberId, "d-2026-11-23", CancellationToken.None))?.Status == DeliveryStatus.Sent, "the next digest marked sent");

        // The poisoned period, put back by an operator, goes out once: its failed delivery is claimed, not skipped.
        await service.Account.GetQueueClient(QueueNames.Digests).SendMessageAsync(QueueJson.Write(period));
        await service.WaitForAsync(async () => (await maildev.MailsToAsync(email)).Count == 2, "the retried digest");
        await service.WaitForAsync(async () => (await deliveries.GetAsync(period.SubscriberId, period.Id, CancellationToken.None))?.Status == DeliveryStatus.Sent, "the retried digest marked sent");
    }

    [Fact]
    public async Task A_queued_mail_delivered_twice_is_sent_once()
    {
        var smtpPort = LoopbackPort.GetUnused();
        using var maildev = await MaildevServer.StartAsync(smtpPort);
        await using var service = await ServiceUnderTest.StartAsync([("wire", "/wire.xml", false)], _ => { }, settings: Smtp(smtpPort));
        var mail = new OutgoingMail("twice@newsroom.example", "Confirm your Ingest subscription", "<p>Confirm</p>", "Confirm", new Uri("http://localhost/api/subscriptions/unsubscribe?token=x"), Id: "mail-0001");
        var emails = service.Account.GetQueueClient(QueueNames.Emails);

        // The queue is at-least-once: the same message twice, at once, as a redelivery after a lost lease would be.
        await Task.WhenAll(emails.SendMessageAsync(QueueJson.Write(mail)), emails.SendMessageAsync(QueueJson.Write(mail)));
        await service.WaitForAsync(async () => (await emails.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0 && (await maildev.MailsToAsync(mail.To)).Count >= 1, "both messages handled");

        Assert.Single(await maildev.MailsToAsync(mail.To));
        Assert.Contains("not sent again", service.Host.Output);
    }

    [Fact]
    public async Task A_recipient_refused_with_550_marks_the_delivery_failed_once_without_retries_or_poison()
    {
        const string gone = "left-the-paper@newsroom.example";
        await using var smtp = new RefusingSmtpServer(gone);
        await using var service = await ServiceUnderTest.StartAsync([("wire", "/wire.xml", false)], _ => { }, settings: new Dictionary<string, string>
        {
            ["Smtp__Host"] = "127.0.0.1",
            ["Smtp__Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
        });
        await DigestTests.SeedHitsAsync(service.Account, "refused");
        await DigestTests.ActiveSubscriberAsync(service.Account, gone);
        var period = Day with { SubscriberId = ServiceUnderTest.Ids.For(gone) };

        await service.Account.GetQueueClient(QueueNames.Digests).SendMessageAsync(QueueJson.Write(period));

        var deliveries = new DeliveryTable(service.Account.GetTableClient(StorageLayout.Deliveries));
        await service.WaitForAsync(async () => (await deliveries.GetAsync(period.SubscriberId, period.Id, CancellationToken.None))?.Status == DeliveryStatus.Failed
            && (await service.Account.GetQueueClient(QueueNames.Digests).PeekAllAsync()).Count == 0, "the refused delivery");
        var delivery = await deliveries.GetAsync(period.SubscriberId, period.Id, CancellationToken.None);
        Assert.Contains("550", delivery!.Error);
        Assert.Equal([(gone, 550)], smtp.Recipients);
        Assert.Empty(await service.Account.GetQueueClient(QueueNames.Poison(QueueNames.Digests)).PeekAllAsync());
        Assert.DoesNotContain("SendDigest (queue digests, try 2)", service.Host.Output);

        using var http = new HttpClient();
        var status = await http.GetAsync(new Uri(service.HttpBase, "api/status"));
        Assert.True(status.StatusCode == System.Net.HttpStatusCode.OK, $"{status.StatusCode}\n{service.Host.Output}");
        Assert.Equal("degraded", JsonDocument.Parse(await status.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
    }
}
