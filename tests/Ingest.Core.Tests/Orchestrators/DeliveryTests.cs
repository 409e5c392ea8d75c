using Ingest.Core.Deliveries;
using Ingest.Core.Mail;
using Ingest.Core.Model;
using Ingest.Core.Stories;

namespace Ingest.Core.Tests.Orchestrators;

/// <summary>Every kind of mail on the in-memory stores: at most once per delivery, redelivery harmless, failures retried later.</summary>
public sealed class DeliveryTests
{
    private static readonly DateTimeOffset Monday = FakeWorld.Monday;
    private static readonly DigestPeriod Day = new("id-ana", "d-2026-11-30", Monday.AddDays(-1), Monday);

    [Fact]
    public async Task A_digest_goes_once_however_often_its_message_comes_and_even_when_two_senders_race()
    {
        var world = new FakeWorld();
        await world.SubscribeAsync("ana", Frequency.Daily, ["kfor"]);
        await world.StoreAsync(FakeWorld.Hit("kfor", "a1", Monday.AddHours(-3)), FakeWorld.Hit("arms", "a2", Monday.AddHours(-2)));

        var lines = await Task.WhenAll(world.DigestSender.SendAsync(Day, CancellationToken.None), world.DigestSender.SendAsync(Day, CancellationToken.None));
        var again = await world.DigestSender.SendAsync(Day, CancellationToken.None);

        var mail = Assert.Single(world.Mail.Sent);
        Assert.Equal(("ana@example.org", "KFOR: Report a1"), (mail.To, mail.Text));
        Assert.Single(lines, line => line.Contains(": sent \"", StringComparison.Ordinal));
        Assert.Contains("not sent again", again);
        Assert.Equal(DeliveryStatus.Sent, Assert.Single(world.Deliveries.All).Status);
    }

    [Fact]
    public async Task A_period_with_nothing_on_the_topics_is_recorded_empty_and_mails_nothing()
    {
        var world = new FakeWorld();
        await world.SubscribeAsync("ana", Frequency.Daily, ["kfor"]);
        await world.StoreAsync(FakeWorld.Hit("arms", "a2", Monday.AddHours(-2)));

        Assert.Contains("nothing matched", await world.DigestSender.SendAsync(Day, CancellationToken.None));
        Assert.Contains("already empty", await world.DigestSender.SendAsync(Day, CancellationToken.None));
        Assert.Empty(world.Mail.Sent);
    }

    [Fact]
    public async Task A_server_away_fails_the_try_with_the_count_of_failures_and_the_next_try_sends()
    {
        var world = new FakeWorld();
        await world.SubscribeAsync("ana", Frequency.Daily, ["kfor"]);
        await world.StoreAsync(FakeWorld.Hit("kfor", "a1", Monday.AddHours(-3)));
        world.Mail.Refuse = new DeliveryException("SMTP ana@example.org: connection refused");

        var first = await Assert.ThrowsAsync<TransientDeliveryException>(() => world.DigestSender.SendAsync(Day, CancellationToken.None));
        world.Clock.Advance(TimeSpan.FromMinutes(5));
        var second = await Assert.ThrowsAsync<TransientDeliveryException>(() => world.DigestSender.SendAsync(Day, CancellationToken.None));
        world.Mail.Refuse = null;
        var sent = await world.DigestSender.SendAsync(Day, CancellationToken.None);

        Assert.Equal((1, 2, Monday, Monday), (first.Attempts, second.Attempts, first.FirstFailedAt, second.FirstFailedAt));
        Assert.DoesNotContain("ana@example.org", first.Message);
        Assert.Contains("sent", sent);
        Assert.Single(world.Mail.Sent);
    }

    [Fact]
    public async Task A_refusal_for_good_is_recorded_and_not_retried()
    {
        var world = new FakeWorld();
        await world.SubscribeAsync("ana", Frequency.Daily, ["kfor"]);
        await world.StoreAsync(FakeWorld.Hit("kfor", "a1", Monday.AddHours(-3)));
        world.Mail.Refuse = new DeliveryException("550 no such mailbox ana@example.org", permanent: true);

        var line = await world.DigestSender.SendAsync(Day, CancellationToken.None);

        Assert.Contains("refused for good", line);
        var delivery = Assert.Single(world.Deliveries.All);
        Assert.Equal((DeliveryStatus.Failed, 1), (delivery.Status, delivery.Attempts));
        Assert.DoesNotContain("ana@example.org", delivery.Error);
    }

    [Fact]
    public async Task An_alert_reaches_each_immediate_subscriber_on_their_topics_and_one_failure_holds_back_only_its_own()
    {
        var world = new FakeWorld();
        await world.SubscribeAsync("ana", Frequency.Immediate, ["kfor"]);
        await world.SubscribeAsync("bo", Frequency.Immediate, ["arms"]);
        await world.SubscribeAsync("cy", Frequency.Immediate, ["kfor"], minScore: 9);
        await world.SubscribeAsync("dee", Frequency.Daily, ["kfor"]);
        var batch = new AlertBatch("wire", Monday, [FakeWorld.Hit("kfor", "a1", Monday.AddMinutes(-5)), FakeWorld.Hit("arms", "a2", Monday.AddMinutes(-4))]);
        var refusing = new RefusingFor("bo@example.org", world.Mail);
        var mailer = new Mailer(world.Deliveries, refusing, world.Clock);

        await Assert.ThrowsAsync<TransientDeliveryException>(() => new AlertSender(world.Subscribers, world.CourierFor(mailer)).SendAsync(batch, CancellationToken.None));
        refusing.Refused = null;
        await new AlertSender(world.Subscribers, world.CourierFor(mailer)).SendAsync(batch, CancellationToken.None);

        Assert.Equal(["ana@example.org", "bo@example.org"], world.Mail.Sent.Select(m => m.To));
    }

    [Fact]
    public async Task Two_spikes_of_one_topic_in_a_cooldown_block_make_one_breaking_mail()
    {
        var world = new FakeWorld();
        await world.SubscribeAsync("ana", Frequency.Breaking, ["kfor"]);
        var startedAt = Monday.AddMinutes(10);
        await world.StoreAsync(FakeWorld.Hit("kfor", "a1", startedAt.AddMinutes(-20), story: "s1"), FakeWorld.Hit("kfor", "a2", startedAt.AddMinutes(-10), story: "s2"));

        await world.BreakingSender.SendAsync(new Spike("kfor", startedAt, null, 5, 1.2, 4, ["s1", "s2"]), CancellationToken.None);
        await world.BreakingSender.SendAsync(new Spike("kfor", startedAt.AddHours(1), null, 7, 1.2, 4, ["s1", "s2"]), CancellationToken.None);

        var mail = Assert.Single(world.Mail.Sent);
        Assert.StartsWith("Breaking: KFOR — 5 new stories in an hour", mail.Subject);
        Assert.StartsWith("5 new stories on KFOR in an hour; usually 1.2.", mail.Text);
    }

    [Fact]
    public async Task A_queued_mail_handed_over_twice_is_sent_once()
    {
        var world = new FakeWorld();
        var mail = new OutgoingMail("ana@example.org", "Confirm", "", "text", new Uri("https://ingest.example/u"), Id: "m1");

        await Task.WhenAll(world.OutboxSender.SendAsync(mail, CancellationToken.None), world.OutboxSender.SendAsync(mail, CancellationToken.None));
        await world.OutboxSender.SendAsync(mail, CancellationToken.None);

        Assert.Single(world.Mail.Sent);
    }

    /// <summary>Refuses (as a server away) the mail to one address, and sends the others through <paramref name="inner"/>.</summary>
    private sealed class RefusingFor(string address, IMailSender inner) : IMailSender
    {
        public string? Refused { get; set; } = address;

        public Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken) =>
            mail.To == Refused ? throw new DeliveryException("SMTP: connection refused") : inner.SendAsync(mail, cancellationToken);
    }
}
