using Ingest.Core.Model;
using Ingest.Core.Subscriptions;

namespace Ingest.Core.Tests.Orchestrators;

/// <summary>Double opt-in on the in-memory stores: one confirmation per address per hour, a confirm link that works once.</summary>
public sealed class SubscriptionTests
{
    private static Subscriber Request(string email) =>
        new("", email, SubscriberStatus.Pending, ["kfor"], Frequency.Daily, 7, "Europe/Belgrade", DayOfWeek.Monday, null, FakeWorld.Monday);

    private static async Task<string> HandleAsync(FakeWorld world)
    {
        var request = Assert.Single(world.SubscriptionRequests.Take());
        return await world.Subscriptions.SubscribeAsync(request, CancellationToken.None);
    }

    [Fact]
    public async Task A_request_stores_a_pending_subscription_and_queues_one_confirmation_an_hour()
    {
        var world = new FakeWorld();

        await world.Subscriptions.RequestAsync(Request("ana@example.org"), CancellationToken.None);
        var first = await HandleAsync(world);
        await world.Subscriptions.RequestAsync(Request("ana@example.org"), CancellationToken.None);
        var repeated = await HandleAsync(world);
        world.Clock.Advance(SubscriptionService.ConfirmationInterval);
        await world.Subscriptions.RequestAsync(Request("ana@example.org"), CancellationToken.None);
        var later = await HandleAsync(world);

        Assert.Equal(("confirmation queued", "a confirmation was sent within the hour; nothing sent", "confirmation queued"), (first, repeated, later));
        var mails = world.Outbox.Take();
        Assert.Equal(2, mails.Count);
        Assert.All(mails, m => Assert.Equal("ana@example.org", m.To));
        Assert.NotEqual(mails[0].Id, mails[1].Id);
        Assert.Equal(SubscriberStatus.Pending, (await world.Subscriptions.FindAsync("ana@example.org", CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task The_newest_confirm_link_activates_once_and_an_earlier_one_does_nothing()
    {
        var world = new FakeWorld();
        await world.Subscriptions.RequestAsync(Request("ana@example.org"), CancellationToken.None);
        await HandleAsync(world);
        world.Clock.Advance(TimeSpan.FromHours(2));
        await world.Subscriptions.RequestAsync(Request("ana@example.org"), CancellationToken.None);
        await HandleAsync(world);
        var links = world.Outbox.Take().Select(m => Token(m.Text)).ToList();

        var stale = await world.Subscriptions.ConfirmAsync(links[0], CancellationToken.None);
        var confirmed = await world.Subscriptions.ConfirmAsync(links[1], CancellationToken.None);
        var again = await world.Subscriptions.ConfirmAsync(links[1], CancellationToken.None);

        Assert.Equal((LinkOutcome.Invalid, LinkOutcome.Done, LinkOutcome.AlreadyDone), (stale.Outcome, confirmed.Outcome, again.Outcome));
        Assert.Equal(SubscriberStatus.Active, (await world.Subscriptions.FindAsync("ana@example.org", CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task An_active_subscription_is_not_changed_by_an_unconfirmed_request()
    {
        var world = new FakeWorld();
        var ana = await world.SubscribeAsync("ana", Frequency.Weekly, ["arms"]);
        var request = Request("ana@example.org") with { Id = ana.Id };

        var outcome = await world.Subscriptions.SubscribeAsync(request, CancellationToken.None);

        Assert.Equal("already subscribed; nothing sent", outcome);
        Assert.Empty(world.Outbox.Take());
        Assert.Equal(["arms"], (await world.Subscribers.GetAsync(ana.Id, CancellationToken.None))!.Topics);
    }

    private static string Token(string confirmUrl) =>
        Uri.UnescapeDataString(new Uri(confirmUrl).Query.TrimStart('?').Split('&').Single(p => p.StartsWith("token=", StringComparison.Ordinal))["token=".Length..]);
}
