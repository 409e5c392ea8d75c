using Ingest.Core.Deliveries;
using Ingest.Core.Fetching;
using Ingest.Core.Mail;
using Ingest.Core.Model;
using Ingest.Core.Polling;
using Ingest.Core.Pushes;
using Ingest.Core.Scheduling;
using Ingest.Core.Stories;
using Ingest.Core.Subscriptions;
using Ingest.Core.Telemetry;
using Ingest.Core.Topics;
using Ingest.Testing.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace Ingest.Core.Tests.Orchestrators;

/// <summary>
/// Ingest's upper floor wired on the in-memory stores (whose behaviour the storage contract suites pin to the tables')
/// and a manual clock: the orchestrators run as in the service, in milliseconds.
/// </summary>
public sealed class FakeWorld
{
    public static readonly DateTimeOffset Monday = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    public FakeWorld()
    {
        Clock = new FakeTimeProvider(Monday);
        Topics = new TopicCatalog([
            new TopicEntry("kfor", "KFOR and security in Kosovo", "KFOR", "The NATO-led mission."),
            new TopicEntry("arms", "Arms deals in the region", "Arms deals", "Purchases and transfers."),
        ]);
        SubscriptionRequests = new InMemoryQueue<Subscriber>(Clock);
        Outbox = new InMemoryQueue<OutgoingMail>(Clock);
        Subscriptions = new SubscriptionService(Subscribers, SubscriptionRequests, Outbox, Templates, Topics,
            new LinkSigner(SigningKey), new SubscriberIds(SigningKey), new Uri("https://ingest.example/"), Clock);
        Mailer = new Mailer(Deliveries, Mail, Clock);
        Writer = new DigestWriter(Templates, Subscriptions, Topics);
        Courier = CourierFor(Mailer);
    }

    /// <summary>
    /// This world's deliveries through another mailer (one with a refusing server, or metrics), pushing to loopback
    /// endpoints. Posts run on the real clock: their deadline is the network's, and receivers check a signature's time
    /// against their own.
    /// </summary>
    public Courier CourierFor(Mailer mailer)
    {
        var pushes = new FetchOptions { AllowLoopback = true };
        return new Courier(mailer, Writer, new EndpointPoster(new HttpClient(FetchHttpHandler.Create(pushes)), PushOptions, pushes, TimeProvider.System));
    }

    /// <summary>
    /// How pushes are posted: long enough that a receiver's first answer on a busy machine (its server and the client
    /// still cold) comes in time, short enough that a test's stalled receiver is given up on soon.
    /// </summary>
    public PushOptions PushOptions { get; } = new() { Timeout = TimeSpan.FromSeconds(8) };

    public Courier Courier { get; }

    public const string SigningKey = "a signing key for the orchestrator tests, long enough";

    /// <summary>The poller as the service wires it, fetching from loopback feeds, on this world's stories and clock.</summary>
    public FeedPoller Poller(IFeedStore feeds, IArticleStore articles, IQueue<AlertBatch> alerts, TopicMatcher matcher, IngestMetrics? metrics = null)
    {
        var options = new FetchOptions { AllowLoopback = true };
        var fetcher = new FeedFetcher(new HttpClient(FetchHttpHandler.Create(options)), options, Clock);
        return new FeedPoller(feeds, articles, new InMemoryQueue<PollRequest>(Clock), alerts, fetcher, new ArticleReader(fetcher, new CurrentMatcher(matcher), Clock, metrics),
            new StoryAssigner(Stories, Clock), new PollPolicy(), Clock, metrics);
    }

    public FakeTimeProvider Clock { get; }

    public TopicCatalog Topics { get; }

    public InMemorySubscriberStore Subscribers { get; } = new();

    public InMemoryDeliveryStore Deliveries { get; } = new();

    public InMemoryArticleStore Articles { get; } = new();

    public InMemoryStoryStore Stories { get; } = new();

    public InMemorySpikeStore Spikes { get; } = new();

    public InMemoryQueue<Subscriber> SubscriptionRequests { get; }

    public InMemoryQueue<OutgoingMail> Outbox { get; }

    public RecordingMailSender Mail { get; } = new();

    public PlainMailTemplates Templates { get; } = new();

    public SubscriptionService Subscriptions { get; }

    public Mailer Mailer { get; }

    public DigestWriter Writer { get; }

    public DigestSender DigestSender => new(Subscribers, Articles, Courier);

    public AlertSender AlertSender => new(Subscribers, Courier);

    public BreakingSender BreakingSender => new(Subscribers, Articles, Courier, Topics);

    public OutboxSender OutboxSender => new(Mailer);

    /// <summary>An active subscriber, stored.</summary>
    public async Task<Subscriber> SubscribeAsync(string name, Frequency frequency, string[] topics, double? minScore = null, string[]? watches = null)
    {
        var subscriber = new Subscriber($"id-{name}", $"{name}@example.org", SubscriberStatus.Active, topics, frequency, 7, "Europe/Belgrade", DayOfWeek.Monday, minScore, Monday, ConfirmedAt: Monday, Watches: watches);
        await Subscribers.SaveAsync(subscriber, CancellationToken.None);
        return subscriber;
    }

    public static StoredHit Hit(string topic, string key, DateTimeOffset published, double score = 8, string? story = null, string feed = "wire") =>
        new(topic, key.PadRight(64, '0'), $"Report {key}", $"https://news.example/{key}", feed, published, score, [new MatchedTerm("KFOR", 2)], "A patrol near the crossing.", null, published, story ?? $"story-{key}");

    /// <summary>Stores hits as a poll would, their articles with them.</summary>
    public Task StoreAsync(params StoredHit[] hits) => Articles.SaveAsync(
        [.. hits.GroupBy(h => h.ArticleKey).Select(g => new StoredArticle(g.Key, g.First().Url, g.First().Title, g.First().PublishedAt, g.First().FeedId, "en", [.. g.Select(h => h.TopicId)], "hash", g.First().StoryId))],
        hits, CancellationToken.None);
}
