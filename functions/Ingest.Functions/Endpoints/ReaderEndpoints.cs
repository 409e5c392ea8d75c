using System.Collections.Frozen;
using System.Globalization;
using Ingest.Core.Model;
using Ingest.Core.Polling;
using Ingest.Core.Publishing;
using Ingest.Core.Reads;
using Ingest.Core.Settings;
using Ingest.Core.Subscriptions;
using Ingest.Functions.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Ingest.Functions.Endpoints;

/// <summary>
/// What readers fetch, every route anonymous:
/// <list type="table">
/// <item><term>GET /api/topics</term><description>Topics: the topics one can subscribe to.</description></item>
/// <item><term>GET /api/topics/{id}/feed</term><description>TopicFeed: a topic's latest stories as Atom.</description></item>
/// <item><term>GET /api/topics/{id}/feed.json</term><description>TopicJsonFeed: the same as JSON Feed 1.1.</description></item>
/// <item><term>GET /api/subscriptions/feed?token=</term><description>SubscriberFeed: a subscriber's own Atom feed, at a signed address.</description></item>
/// <item><term>GET /api/subscriptions/feed.json?token=</term><description>SubscriberJsonFeed: the same as JSON Feed 1.1.</description></item>
/// <item><term>GET /api/feeds.opml</term><description>FeedsOpml: the sources Ingest reads, as OPML for a feed reader.</description></item>
/// <item><term>GET /api/assets/{name}</term><description>Assets: the pages' stylesheet and script.</description></item>
/// </list>
/// The feeds are shared reads (<see cref="SharedReads"/>) behind the read gate, and answer conditional GETs with 304 (<see cref="FeedResponse"/>).
/// </summary>
public sealed class ReaderEndpoints(SubscriptionService subscriptions, TopicCatalog catalog, IHitReader hits, IFeedStore feeds, IOptions<SubscriptionOptions> options, SharedReads reads, TimeProvider time)
{
    private static readonly FrozenDictionary<string, (string ContentType, byte[] Bytes)> Assets = new Dictionary<string, (string, byte[])>
    {
        ["ingest.css"] = ("text/css; charset=utf-8", ReadAsset("ingest.css")),
        ["subscribe.js"] = ("text/javascript; charset=utf-8", ReadAsset("subscribe.js")),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    [Function("Topics")]
    public IResult Topics([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "topics")] HttpRequest request) =>
        Results.Json(new
        {
            version = catalog.Version,
            topics = catalog.Topics.Select(t => new { id = t.Id, title = t.Title, label = t.ShortName, description = t.Description }),
        });

    /// <summary>
    /// The feeds Ingest polls (the enabled ones), as OPML 2.0 that any feed reader imports: for readers who want the
    /// sources themselves. One shared read for every request within a few seconds.
    /// </summary>
    [Function("FeedsOpml")]
    public async Task<IResult> FeedsOpmlAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "feeds.opml")] HttpRequest request)
    {
        var stored = await reads.GetAsync("feeds", feeds.ListAsync, request.HttpContext.RequestAborted);
        var opml = OpmlCatalog.Write(stored.Where(f => f.Enabled).Select(f => new CatalogEntry(f, null, null, null)), "Ingest: the feeds it reads", time.GetUtcNow());
        request.HttpContext.Response.Headers.CacheControl = "public, max-age=3600";
        return Results.Text(opml, "text/x-opml; charset=utf-8");
    }

    /// <summary>A topic's latest hits as Atom, one entry per story, for any feed reader.</summary>
    [Function("TopicFeed")]
    public Task<IResult> TopicFeedAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "topics/{id}/feed")] HttpRequest request, string id) =>
        TopicFeedAsync(request, id, HitFeed.Atom);

    /// <summary>A topic's latest hits as JSON Feed 1.1, the same entries as its Atom feed.</summary>
    [Function("TopicJsonFeed")]
    public Task<IResult> TopicJsonFeedAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "topics/{id}/feed.json")] HttpRequest request, string id) =>
        TopicFeedAsync(request, id, JsonHitFeed.Write);

    /// <summary>
    /// A subscriber's own feed: the latest stories of their topics that reach their threshold and of their watches, at the signed address their
    /// preferences page shows. A forged token, an address replaced by a newer one, or an ended subscription is 404,
    /// saying no more than that there is no such feed.
    /// </summary>
    [Function("SubscriberFeed")]
    public Task<IResult> SubscriberFeedAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "subscriptions/feed")] HttpRequest request, CancellationToken cancellationToken) =>
        SubscriberFeedAsync(request, HitFeed.Atom, cancellationToken);

    /// <summary>A subscriber's own feed as JSON Feed 1.1, at the same signed token as their Atom feed.</summary>
    [Function("SubscriberJsonFeed")]
    public Task<IResult> SubscriberJsonFeedAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "subscriptions/feed.json")] HttpRequest request, CancellationToken cancellationToken) =>
        SubscriberFeedAsync(request, JsonHitFeed.Write, cancellationToken);

    private async Task<IResult> TopicFeedAsync(HttpRequest request, string id, FeedWriter write)
    {
        if (catalog.Find(id) is not { } topic)
        {
            return Results.NotFound(new { error = "no such topic; GET /api/topics lists them" });
        }

        // One read and one document per topic and format for every request within a few seconds (SharedReads).
        var feed = await reads.GetAsync($"topic-feed:{topic.Id}:{write.Method.Name}", token => WriteTopicFeedAsync(topic, write, token), request.HttpContext.RequestAborted);
        return FeedResponse.For(request, feed, "public, max-age=300");
    }

    private async Task<IResult> SubscriberFeedAsync(HttpRequest request, FeedWriter write, CancellationToken cancellationToken)
    {
        if (await subscriptions.FromFeedTokenAsync(request.Query["token"], cancellationToken) is not { } subscriber)
        {
            return Results.NotFound(new { error = "no such feed" });
        }

        var topics = catalog.Followed(subscriber).ToDictionary(t => t.Id);
        // Each topic's and watch's hits and the feed list are read once for every request within a few seconds (SharedReads).
        var found = new List<StoredHit>();
        foreach (var topic in topics.Keys)
        {
            found.AddRange(await reads.GetAsync($"hits:{topic}", token => hits.ReadFoundSinceAsync([topic], time.GetUtcNow() - HitFeed.Reach, token), request.HttpContext.RequestAborted));
        }

        var wanted = found.Where(subscriber.Wants()).ToList();
        var head = new HitFeedHead(
            $"tag:ingest,2026:subscribers/{subscriber.Id}",
            "Ingest: your topics",
            string.Join(", ", topics.Values.Select(t => t.ShortName)) + (subscriber.MinScore is { } min ? string.Create(CultureInfo.InvariantCulture, $", score {min:0.#} and above") : ""),
            subscriptions.FeedUrl(subscriber),
            subscriptions.FeedUrl(subscriber, json: true),
            // Not the preferences page: a feed address shared with a reader service must not open the subscription.
            new Uri(options.Value.PublicBaseUrl, "api/dashboard"));
        return FeedResponse.For(request, write(head, wanted, topics, HitFeed.Sources(await reads.GetAsync("feeds", feeds.ListAsync, request.HttpContext.RequestAborted))), "private, max-age=300");
    }

    /// <summary>The pages' stylesheet and scripts, built into the handler so a deployment cannot lose them.</summary>
    [Function("Assets")]
    public static IResult Asset([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "assets/{name}")] HttpRequest request, string name)
    {
        if (!Assets.TryGetValue(name, out var file))
        {
            return Results.NotFound();
        }

        request.HttpContext.Response.Headers.CacheControl = "public, max-age=3600";
        return Results.Bytes(file.Bytes, file.ContentType);
    }

    private async Task<HitFeed> WriteTopicFeedAsync(TopicEntry topic, FeedWriter write, CancellationToken cancellationToken)
    {
        var found = await hits.ReadFoundSinceAsync([topic.Id], time.GetUtcNow() - HitFeed.Reach, cancellationToken);
        var home = options.Value.PublicBaseUrl;
        var atom = new Uri(home, $"api/topics/{Uri.EscapeDataString(topic.Id)}/feed");
        var head = new HitFeedHead($"tag:ingest,2026:topics/{topic.Id}", $"Ingest: {topic.Title}", topic.Description, atom, new Uri(atom.AbsoluteUri + ".json"), new Uri(home, "api/dashboard"));
        return write(head, found, new Dictionary<string, TopicEntry> { [topic.Id] = topic }, HitFeed.Sources(await feeds.ListAsync(cancellationToken)));
    }

    /// <summary>Writes a hit feed in one format: <see cref="HitFeed.Atom"/> or <see cref="JsonHitFeed.Write"/>.</summary>
    private delegate HitFeed FeedWriter(HitFeedHead head, IReadOnlyList<StoredHit> hits, IReadOnlyDictionary<string, TopicEntry> topics, IReadOnlyDictionary<string, string> sources);

    private static byte[] ReadAsset(string name)
    {
        using var stream = typeof(ReaderEndpoints).Assembly.GetManifestResourceStream("Ingest.Functions.Assets." + name)
            ?? throw new InvalidOperationException($"the asset {name} is not built into the handler");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
