using System.Globalization;
using Ingest.Core.Model;
using Ingest.Core.Topics;
using Ingest.Storage;
using Ingest.Storage.Stores;
using Ingest.Testing;
using static Ingest.EndToEnd.Tests.SampleFeeds;

namespace Ingest.EndToEnd.Tests;

/// <summary>
/// A subscriber's own watch through the running service: written in Cyrillic, it finds an article in Latin script
/// that no topic of the model is about, and the alert says what it found.
/// </summary>
public sealed class WatchAlertTests
{
    private static readonly Story Tournament = new(
        "chess-novi-sad",
        "Šahovski turnir u Novi Sad doveo dvesta igrača",
        "Na otvorenom šahovskom turniru u Novi Sad igralo je dvesta takmičara; pobednik je odlučen u poslednjem kolu.",
        DateTimeOffset.UtcNow.AddHours(-2));

    private static readonly Story Concert = new(
        "concert-novi-sad",
        "Koncert na Petrovaradinu u Novi Sad",
        "Hor je pevao pred hiljadu ljudi na tvrđavi.",
        DateTimeOffset.UtcNow.AddHours(-1));

    [Fact]
    public async Task A_subscriber_with_only_a_cyrillic_watch_is_alerted_to_a_latin_article_with_what_matched()
    {
        using var maildev = await MaildevServer.StartAsync();
        await using var service = await ServiceUnderTest.StartAsync([("local", "/local.xml", false)], feeds =>
            feeds.MapText("/local.xml", Rss(feeds.BaseUri, Tournament, Concert, Kfor)),
            settings: new Dictionary<string, string> { ["Smtp__Host"] = "127.0.0.1", ["Smtp__Port"] = maildev.SmtpPort.ToString(CultureInfo.InvariantCulture), ["Smtp__From"] = "Ingest <ingest@ingest.test>" });
        const string email = "chess.desk@newsroom.example";
        const string watch = "шах* \"Нови Сад\" -хор";
        await new SubscriberTable(service.Account.GetTableClient(StorageLayout.Subscribers)).SaveAsync(
            new Subscriber(ServiceUnderTest.Ids.For(email), email, SubscriberStatus.Active, [], Frequency.Immediate, 7, "Europe/Belgrade", DayOfWeek.Monday, null, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, Watches: [watch]),
            CancellationToken.None);

        var polled = DateTimeOffset.UtcNow;
        await service.EnqueuePollAsync("local", polled);
        await service.WaitForPollAsync("local", polled.AddSeconds(-1));
        await service.WaitForAsync(async () => (await maildev.MailsToAsync(email)).Count == 1, "the watch's alert");

        var alert = Assert.Single(await maildev.MailsToAsync(email));
        Assert.Contains("“шах* \"Нови Сад\" -хор”", alert.Subject, StringComparison.Ordinal);
        Assert.Contains(Tournament.Title, alert.Text, StringComparison.Ordinal);
        Assert.Contains("Šahovski", alert.Text, StringComparison.Ordinal);
        Assert.Contains("Novi Sad", alert.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Concert.Title, alert.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Kfor.Title, alert.Text, StringComparison.Ordinal);

        var hits = await service.RowsAsync(StorageLayout.Hits);
        Assert.Single(hits, h => h.PartitionKey == WatchQuery.Parse(watch).Id);
    }
}
