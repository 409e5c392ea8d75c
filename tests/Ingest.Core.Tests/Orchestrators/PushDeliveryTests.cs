using Ingest.Core.Deliveries;
using Ingest.Core.Mail;
using Ingest.Core.Model;
using Ingest.Core.Pushes;
using Ingest.Testing;

namespace Ingest.Core.Tests.Orchestrators;

/// <summary>
/// Alerts and digests pushed to a subscriber's endpoints (real loopback receivers) beside their mail: each place is
/// its own delivery, so a push that fails is tried again without the mail going twice, with the same delivery id.
/// </summary>
public sealed class PushDeliveryTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Monday = FakeWorld.Monday;
    private readonly FakeWorld _world = new();
    private PushReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await PushReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    private async Task<Subscriber> SubscribeAsync(Frequency frequency, params (PushKind Kind, string Path)[] endpoints)
    {
        var subscriber = await _world.SubscribeAsync("ana", frequency, ["kfor"]);
        subscriber = subscriber with { Endpoints = [.. endpoints.Select((e, i) => new PushEndpoint($"e-{i}", e.Kind, _receiver.Url(e.Path), Monday, _receiver.Secret))] };
        await _world.Subscribers.SaveAsync(subscriber, CancellationToken.None);
        return subscriber;
    }

    private static AlertBatch Batch() => new("wire", Monday, [FakeWorld.Hit("kfor", "a1", Monday.AddMinutes(-5))]);

    [Fact]
    public async Task An_alert_reaches_the_mail_and_every_endpoint_once_however_often_its_message_comes()
    {
        await SubscribeAsync(Frequency.Immediate, (PushKind.Webhook, "/webhook"), (PushKind.Slack, "/slack"), (PushKind.Teams, "/teams"));
        var batch = Batch();

        await _world.AlertSender.SendAsync(batch, CancellationToken.None);
        await _world.AlertSender.SendAsync(batch, CancellationToken.None);

        Assert.Single(_world.Mail.Sent);
        Assert.Equal(["/slack", "/teams", "/webhook"], _receiver.Accepted.Select(p => p.Path).Order(StringComparer.Ordinal));
        Assert.All(_receiver.Tries, t => Assert.Null(t.Refusal));
        var webhook = _receiver.Accepted.Single(p => p.Path == "/webhook");
        Assert.Equal($"e-0.{batch.Id}", webhook.Json.GetProperty("id").GetString());
        Assert.Equal("Report a1", webhook.Json.GetProperty("items")[0].GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_webhook_that_times_out_is_posted_again_with_the_same_delivery_id_and_the_mail_is_not_sent_twice()
    {
        await SubscribeAsync(Frequency.Immediate, (PushKind.Webhook, "/webhook"));
        _receiver.Stall("/webhook", 1, TimeSpan.FromSeconds(60));
        var batch = Batch();

        var failed = await Assert.ThrowsAsync<TransientDeliveryException>(() => _world.AlertSender.SendAsync(batch, CancellationToken.None));
        await _world.AlertSender.SendAsync(batch, CancellationToken.None);
        await _world.AlertSender.SendAsync(batch, CancellationToken.None);

        Assert.Contains("did not answer", failed.Message, StringComparison.Ordinal);
        Assert.Single(_world.Mail.Sent);
        Assert.Equal(2, _receiver.Tries.Count);
        var delivered = Assert.Single(_receiver.Accepted);
        Assert.Equal($"e-0.{batch.Id}", delivered.Headers[WebhookSignature.DeliveryHeader]);
        Assert.Equal(DeliveryStatus.Sent, _world.Deliveries.All.Single(d => d.SubscriberId == "id-ana~e-0").Status);
    }

    [Fact]
    public async Task An_endpoint_that_refuses_for_good_is_recorded_with_its_reason_and_does_not_hold_back_the_mail()
    {
        await SubscribeAsync(Frequency.Immediate, (PushKind.Slack, "/gone"));

        var lines = await _world.AlertSender.SendAsync(Batch(), CancellationToken.None);

        Assert.Single(_world.Mail.Sent);
        Assert.Contains(lines, l => l.Contains("refused for good", StringComparison.Ordinal));
        var latest = await _world.Deliveries.LatestOfAsync("id-ana~e-0", CancellationToken.None);
        Assert.Equal(DeliveryStatus.Failed, latest!.Status);
        Assert.Contains("answered 404", latest.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_digest_goes_to_a_teams_channel_once_and_a_period_with_nothing_pushes_nothing()
    {
        await SubscribeAsync(Frequency.Daily, (PushKind.Teams, "/teams"));
        await _world.StoreAsync(FakeWorld.Hit("kfor", "a1", Monday.AddHours(-3)));
        var day = new DigestPeriod("id-ana", "d-2026-11-30", Monday.AddDays(-1), Monday);
        var before = new DigestPeriod("id-ana", "d-2026-11-28", Monday.AddDays(-3), Monday.AddDays(-2));

        await _world.DigestSender.SendAsync(day, CancellationToken.None);
        await _world.DigestSender.SendAsync(day, CancellationToken.None);
        await _world.DigestSender.SendAsync(before, CancellationToken.None);

        var card = Assert.Single(_receiver.Accepted);
        Assert.Equal("/teams", card.Path);
        Assert.Contains("Report a1", card.Json.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(DeliveryStatus.Empty, _world.Deliveries.All.Single(d => d.SubscriberId == "id-ana~e-0" && d.PeriodId == before.Id).Status);
    }
}
