using Ingest.Core.Model;
using Ingest.Core.Deliveries;
using Ingest.Core.Polling;
using Ingest.Core.Publishing;
using Ingest.Core.Settings;
using Ingest.Core.Topics;
using Ingest.Core.Reads;
using Ingest.Functions.Http;
using Ingest.Functions.Publishing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Ingest.Functions.TopicFeed;

/// <summary>
/// <c>GET /api/topics/{id}/feed</c>: a topic's latest hits as Atom, one entry per story, for any feed reader; answers
/// conditional GETs with 304 (<see cref="AtomResponse"/>).
/// </summary>
public sealed class TopicFeedFunction(TopicCatalog catalog, IHitReader hits, IFeedStore feeds, IOptions<SubscriptionOptions> options, SharedReads reads, TimeProvider time)
{
    [Function("TopicFeed")]
    public async Task<IResult> GetAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "topics/{id}/feed")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        if (catalog.Find(id) is not { } topic)
        {
            return Results.NotFound(new { error = "no such topic; GET /api/topics lists them" });
        }

        // One read and one document per topic for every request within a few seconds (SharedReads).
        var feed = await reads.GetAsync($"topic-feed:{topic.Id}", token => WriteAsync(topic, token), request.HttpContext.RequestAborted);
        return AtomResponse.For(request, feed, "public, max-age=300");
    }

    private async Task<HitFeed> WriteAsync(TopicEntry topic, CancellationToken cancellationToken)
    {
        var found = await hits.ReadFoundSinceAsync([topic.Id], time.GetUtcNow() - HitFeed.Reach, cancellationToken);
        var home = options.Value.PublicBaseUrl;
        var head = new HitFeedHead($"tag:ingest,2026:topics/{topic.Id}", $"Ingest: {topic.Title}", topic.Description, new Uri(home, $"api/topics/{Uri.EscapeDataString(topic.Id)}/feed"), new Uri(home, "api/dashboard"));
        return HitFeed.Write(head, found, new Dictionary<string, TopicEntry> { [topic.Id] = topic }, HitFeed.Sources(await feeds.ListAsync(cancellationToken)));
    }
}
