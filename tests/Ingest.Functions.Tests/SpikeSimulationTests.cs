using System.Globalization;
using Ingest.Composition;
using Ingest.Core.Deliveries;
using Ingest.Core.Model;
using Ingest.Core.Polling;
using Ingest.Core.Stories;
using Ingest.Core.Subscriptions;
using Ingest.Core.Topics;
using Ingest.Storage;
using Ingest.Storage.Accounts;
using Ingest.Storage.Stores;
using Ingest.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Ingest.Functions.Tests;

/// <summary>
/// A week of quiet news on a fake clock, then a day with a reprint storm in the morning and a burst of new stories
/// in the afternoon, through the composed services, Azurite and maildev: the monitor (run every five minutes, as its
/// timer is) opens and closes one spike where the burst makes it, and a breaking subscriber gets one mail for it.
/// </summary>
public sealed class SpikeSimulationTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset BurstDay = Start.AddDays(7);

    private readonly FakeTimeProvider _clock = new(Start);
    private AzuriteServer _azurite = null!;
    private MaildevServer _maildev = null!;
    private ServiceProvider _services = null!;
    private int _articles;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteServer.StartPrivateAsync();
        _maildev = await MaildevServer.StartAsync();
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = _azurite.ConnectionString,
            ["TopicsPath"] = Path.Combine(RepositoryRoot.Path, "seeds", "topics.json"),
            ["PublicBaseUrl"] = "http://localhost:7071/",
            ["SubscriptionSigningKey"] = "spike-simulation-signing-key",
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = _maildev.SmtpPort.ToString(CultureInfo.InvariantCulture),
            ["Smtp:From"] = "Ingest <ingest@ingest.test>",
        }).Build();
        _services = new ServiceCollection().AddSingleton<TimeProvider>(_clock).AddIngest(settings).BuildServiceProvider();
        await StorageLayout.EnsureCreatedAsync(_services.GetRequiredService<StorageAccount>());
    }

    public async Task DisposeAsync()
    {
        // The servers first: they are processes, and must not outlive the test whatever disposing the services does.
        _maildev.Dispose();
        _azurite.Dispose();
        await _services.DisposeAsync();
    }

    [Fact]
    public async Task A_burst_of_new_stories_opens_and_closes_one_spike_a_reprint_storm_none_and_breaking_subscribers_get_one_mail()
    {
        var subscribers = _services.GetRequiredService<ISubscriberStore>();
        await subscribers.SaveAsync(new Subscriber(new SubscriberIds("spike-simulation-signing-key").For("breaking@newsroom.example"), "breaking@newsroom.example", SubscriberStatus.Active, ["kfor"], Frequency.Breaking, 7, "Europe/Belgrade", DayOfWeek.Monday, null, Start, Start), CancellationToken.None);
        var random = new Random(20261202);

        // A quiet week: a new KFOR story every six hours or so.
        for (var at = Start.AddHours(3); at < BurstDay; at = at.AddHours(5 + random.Next(3)))
        {
            await ReportAsync(at, NewStoryText(random), "wire");
        }

        // The day: in the morning a reprint storm (one report carried by twenty feeds within the hour is one story),
        // in the afternoon a burst (six new stories forty minutes apart in all).
        var storm = NewStoryText(random);
        var reports = Enumerable.Range(0, 20).Select(i => (At: BurstDay.AddHours(10).AddMinutes(i * 2), Story: storm, Feed: $"feed-{i}"))
            .Concat(Enumerable.Range(0, 6).Select(i => (At: BurstDay.AddHours(14).AddMinutes(i * 8), Story: NewStoryText(random), Feed: "wire")))
            .ToList();

        var monitor = _services.GetRequiredService<SpikeMonitor>();
        var topics = new[] { "kfor" };
        var log = new List<(DateTimeOffset At, string Change)>();
        for (var now = BurstDay; now <= BurstDay.AddHours(20); now = now.AddMinutes(5))
        {
            foreach (var report in reports.Where(r => r.At > now - TimeSpan.FromMinutes(5) && r.At <= now))
            {
                await ReportAsync(report.At, report.Story, report.Feed);
            }

            _clock.SetUtcNow(now);
            log.AddRange((await monitor.RunAsync(topics, CancellationToken.None)).Select(change => (now, change)));
        }

        // The fourth story (14:24) reaches the floor of four; the run after it opens the spike. It ends at the first
        // run with fewer than four in the hour before: 15:20, when the 14:16 story has left the window.
        var spike = Assert.Single(await _services.GetRequiredService<ISpikeStore>().ListAsync(topics, BurstDay, CancellationToken.None));
        Assert.Equal(BurstDay.AddHours(14).AddMinutes(25), spike.StartedAt);
        Assert.Equal(BurstDay.AddHours(15).AddMinutes(20), spike.EndedAt);
        Assert.Equal(6, spike.Peak);
        Assert.Equal(6, spike.StoryIds.Count);
        Assert.Equal(2, log.Count);
        Assert.Contains("spike started", log[0].Change);

        // The breaking queue holds the spike once; delivered twice (a redelivery), it still makes one mail.
        var queue = _services.GetRequiredService<StorageAccount>().GetQueueClient(QueueNames.Breaking);
        var message = Assert.Single((await queue.ReceiveMessagesAsync(maxMessages: 10)).Value);
        var queued = QueueJson.Read<Spike>(message.Body.ToString());
        var sender = _services.GetRequiredService<BreakingSender>();
        Assert.Single(await sender.SendAsync(queued, CancellationToken.None));
        Assert.Empty(await sender.SendAsync(queued, CancellationToken.None));

        var mail = await WaitForMailAsync("breaking@newsroom.example");
        Assert.Contains("new stories on KFOR in an hour; usually", mail.Text);
        // Sent when the spike starts, with the stories that made it so far: the burst's first four.
        Assert.Equal("Breaking: KFOR — 4 new stories in an hour", mail.Subject);
        Assert.All(reports.Skip(20).Take(4), r => Assert.Contains(r.Story.Title, mail.Text));
        Assert.DoesNotContain(storm.Title, mail.Text);
    }

    /// <summary>A report as a poll files it: into a story, then its hit with the story's id.</summary>
    private async Task ReportAsync(DateTimeOffset at, (string Title, string Text) story, string feed)
    {
        _clock.SetUtcNow(at);
        // Article keys are SHA-256 hex, as the poller makes them from canonical URLs.
        var key = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(++_articles)));
        var filed = await _services.GetRequiredService<StoryAssigner>().AssignAsync(new StoryReport(key, story.Title, story.Text, feed, at, ["kfor"], 10), CancellationToken.None);
        var hit = new StoredHit("kfor", key, story.Title, $"https://{feed}.example/{_articles}", feed, at, 10, [new MatchedTerm("KFOR", 2)], story.Text[..80], FoundAt: at, StoryId: filed.Story.Id);
        await _services.GetRequiredService<IArticleStore>().SaveAsync([new StoredArticle(key, hit.Url, story.Title, at, feed, "en", ["kfor"], key, filed.Story.Id)], [hit], CancellationToken.None);
    }

    /// <summary>A KFOR report of its own: words drawn at random, so no two of them read alike.</summary>
    private static (string Title, string Text) NewStoryText(Random random)
    {
        string[] words = ["patrol", "village", "bridge", "council", "convoy", "checkpoint", "mayor", "river", "school", "market", "police", "road", "winter", "election", "border", "farmers", "museum", "tunnel", "customs", "minister", "church", "harvest", "airport", "factory", "hospital", "court", "protest", "festival", "railway", "mine"];
        string Sentence() => string.Join(' ', Enumerable.Range(0, 12).Select(_ => words[random.Next(words.Length)])) + ".";
        var title = $"KFOR {words[random.Next(words.Length)]} {words[random.Next(words.Length)]} {random.Next(1000)}";
        return (title, $"KFOR troops reported. {Sentence()} {Sentence()} {Sentence()} {Sentence()}");
    }

    private async Task<ReceivedMail> WaitForMailAsync(string address)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (await _maildev.MailsToAsync(address) is [var mail, ..])
            {
                return mail;
            }

            Assert.True(DateTime.UtcNow < deadline, $"no mail to {address} within 60 s");
            await Task.Delay(200);
        }
    }
}
