using Ingest.Core.Model;
using Ingest.Core.Topics;
using static Ingest.Core.Tests.Orchestrators.FakeWorld;

namespace Ingest.Core.Tests.Orchestrators;

public sealed class WatchDeliveryTests
{
    private static readonly string Watch = WatchQuery.Parse("harbour strike").Id;

    [Fact]
    public async Task An_alert_of_a_watch_reaches_those_who_wrote_it_whatever_their_score_floor_and_names_it_in_the_subject()
    {
        var world = new FakeWorld();
        await world.SubscribeAsync("ana", Frequency.Immediate, [], minScore: 50, watches: ["Harbour STRIKE"]);
        await world.SubscribeAsync("bo", Frequency.Immediate, ["kfor"]);
        await world.SubscribeAsync("cy", Frequency.Immediate, ["arms"], watches: ["harbour strike lang:sr"]);
        var batch = new AlertBatch("wire", Monday, [Hit(Watch, "a1", Monday.AddMinutes(-5), score: 2)]);

        await world.AlertSender.SendAsync(batch, CancellationToken.None);

        var mail = Assert.Single(world.Mail.Sent);
        Assert.Equal("ana@example.org", mail.To);
        Assert.Contains("“Harbour STRIKE”", mail.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_digest_holds_the_topics_hits_above_the_floor_and_every_hit_of_the_subscribers_watches()
    {
        var world = new FakeWorld();
        var ana = await world.SubscribeAsync("ana", Frequency.Daily, ["kfor"], minScore: 6, watches: ["harbour strike"]);
        await world.StoreAsync(
            Hit("kfor", "k-high", Monday.AddHours(-3), score: 9),
            Hit("kfor", "k-low", Monday.AddHours(-3), score: 3),
            Hit(Watch, "w-low", Monday.AddHours(-2), score: 1),
            Hit(WatchQuery.Parse("someone else's").Id, "x", Monday.AddHours(-2)));

        await world.DigestSender.SendAsync(new DigestPeriod(ana.Id, "d-1", Monday.AddDays(-1), Monday), CancellationToken.None);

        var text = Assert.Single(world.Mail.Sent).Text;
        Assert.Contains("Report k-high", text, StringComparison.Ordinal);
        Assert.Contains("Report w-low", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Report k-low", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Report x", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_watch_that_would_match_most_of_the_last_days_articles_is_refused_and_a_narrow_one_is_kept()
    {
        var world = new FakeWorld();
        var breadth = new Ingest.Core.Subscriptions.WatchBreadth(world.Articles, world.Topics, world.Clock);
        await world.StoreAsync([.. Enumerable.Range(0, 30).Select(i => Hit(i % 2 == 0 ? "kfor" : "arms", $"r{i:D2}x", Monday.AddHours(-i / 2.0)))]);

        Assert.Contains("watch 2 would have matched 30 of the 30 articles", await breadth.RefuseAsync(["harbour", "patrol"], CancellationToken.None), StringComparison.Ordinal);
        Assert.Null(await breadth.RefuseAsync(["patrol -crossing", "harbour"], CancellationToken.None));
    }
}
