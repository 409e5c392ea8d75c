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
/// <item><term>GET /api/subscriptions/feed?token=</term><description>SubscriberFeed: a subscriber's own Atom feed, at a signed address.</description></item>
/// <item><term>GET /api/assets/{name}</term><description>Assets: the pages' stylesheet and script.</description></item>
/// </list>
/// The feeds are shared reads (<see cref="SharedReads"/>) behind the read gate, and answer conditional GETs with 304 (<see cref="AtomResponse"/>).
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

    /// <summary>A topic's latest hits as Atom, one entry per story, for any feed reader.</summary>
    [Function("TopicFeed")]
    public async Task<IResult> TopicFeedAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "topics/{id}/feed")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        if (catalog.Find(id) is not { } topic)
        {
            return Results.NotFound(new { error = "no such topic; GET /api/topics lists them" });
        }

        // One read and one document per topic for every request within a few seconds (SharedReads).
        var feed = await reads.GetAsync($"topic-feed:{topic.Id}", token => WriteTopicFeedAsync(topic, token), request.HttpContext.RequestAborted);
        return AtomResponse.For(request, feed, "public, max-age=300");
    }

    /// <summary>
    /// A subscriber's own feed: their topics' latest stories that reach their threshold, at the signed address their
    /// preferences page shows. A forged token, an address replaced by a newer one, or an ended subscription is 404,
    /// saying no more than that there is no such feed.
    /// </summary>
    [Function("SubscriberFeed")]
    public async Task<IResult> SubscriberFeedAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "subscriptions/feed")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (await subscriptions.FromFeedTokenAsync(request.Query["token"], cancellationToken) is not { } subscriber)
        {
            return Results.NotFound(new { error = "no such feed" });
        }

        var topics = catalog.Topics.Where(t => subscriber.Topics.Contains(t.Id)).ToDictionary(t => t.Id);
        // Each topic's hits and the feed list are read once for every request within a few seconds (SharedReads).
        var found = new List<StoredHit>();
        foreach (var topic in topics.Keys)
        {
            found.AddRange(await reads.GetAsync($"hits:{topic}", token => hits.ReadFoundSinceAsync([topic], time.GetUtcNow() - HitFeed.Reach, token), request.HttpContext.RequestAborted));
        }

        var wanted = found.Where(h => subscriber.MinScore is not { } floor || h.Score >= floor).ToList();
        var head = new HitFeedHead(
            $"tag:ingest,2026:subscribers/{subscriber.Id}",
            "Ingest: your topics",
            string.Join(", ", topics.Values.Select(t => t.ShortName)) + (subscriber.MinScore is { } min ? string.Create(CultureInfo.InvariantCulture, $", score {min:0.#} and above") : ""),
            subscriptions.FeedUrl(subscriber),
            // Not the preferences page: a feed address shared with a reader service must not open the subscription.
            new Uri(options.Value.PublicBaseUrl, "api/dashboard"));
        return AtomResponse.For(request, HitFeed.Write(head, wanted, topics, HitFeed.Sources(await reads.GetAsync("feeds", feeds.ListAsync, request.HttpContext.RequestAborted))), "private, max-age=300");
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

    private async Task<HitFeed> WriteTopicFeedAsync(TopicEntry topic, CancellationToken cancellationToken)
    {
        var found = await hits.ReadFoundSinceAsync([topic.Id], time.GetUtcNow() - HitFeed.Reach, cancellationToken);
        var home = options.Value.PublicBaseUrl;
        var head = new HitFeedHead($"tag:ingest,2026:topics/{topic.Id}", $"Ingest: {topic.Title}", topic.Description, new Uri(home, $"api/topics/{Uri.EscapeDataString(topic.Id)}/feed"), new Uri(home, "api/dashboard"));
        return HitFeed.Write(head, found, new Dictionary<string, TopicEntry> { [topic.Id] = topic }, HitFeed.Sources(await feeds.ListAsync(cancellationToken)));
    }

    private static byte[] ReadAsset(string name)
    {
        using var stream = typeof(ReaderEndpoints).Assembly.GetManifestResourceStream("Ingest.Functions.Assets." + name)
            ?? throw new InvalidOperationException($"the asset {name} is not built into the handler");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
