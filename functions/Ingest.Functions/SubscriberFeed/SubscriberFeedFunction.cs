using System.Globalization;
using Ingest.Core.Deliveries;
using Ingest.Core.Polling;
using Ingest.Core.Publishing;
using Ingest.Core.Settings;
using Ingest.Core.Subscriptions;
using Ingest.Core.Topics;
using Ingest.Core.Reads;
using Ingest.Functions.Http;
using Ingest.Functions.Publishing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Ingest.Core.Model;

namespace Ingest.Functions.SubscriberFeed;

/// <summary>
/// <c>GET /api/subscriptions/feed?token=…</c>: a subscriber's own feed, their topics' latest stories that reach their
/// threshold, at the signed address their preferences page shows. A forged token, an address replaced by a newer one,
/// or an ended subscription is 404, saying no more than that there is no such feed.
/// </summary>
public sealed class SubscriberFeedFunction(SubscriptionService subscriptions, TopicCatalog catalog, IHitReader hits, IFeedStore feeds, IOptions<SubscriptionOptions> options, SharedReads reads, TimeProvider time)
{
    [Function("SubscriberFeed")]
    public async Task<IResult> GetAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "subscriptions/feed")] HttpRequest request, CancellationToken cancellationToken)
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
}
