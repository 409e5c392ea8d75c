using System.Globalization;
using Ingest.Core.Digests;
using Ingest.Core.Publishing;
using Ingest.Core.Settings;
using Ingest.Core.Topics;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Ingest.Functions.TopicFeed;

/// <summary>
/// <c>GET /api/topics/{id}/feed</c>: a topic's latest hits as Atom, one entry per story, for any feed reader; answers
/// <c>If-None-Match</c> and <c>If-Modified-Since</c> with 304, so a reader polling every few minutes costs little.
/// </summary>
public sealed class TopicFeedFunction(TopicMatcher matcher, IHitReader hits, IOptions<SubscriptionOptions> options, TimeProvider time)
{
    /// <summary>How far back the feed looks for its latest hits.</summary>
    public static readonly TimeSpan Reach = TimeSpan.FromDays(30);

    [Function("TopicFeed")]
    public async Task<IResult> GetAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "topics/{id}/feed")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        if (matcher.Model.Topics.FirstOrDefault(t => t.Id == id) is not { } topic)
        {
            return Results.NotFound(new { error = "no such topic; GET /api/topics lists them" });
        }

        var now = time.GetUtcNow();
        var found = await hits.ReadFoundSinceAsync([topic.Id], now - Reach, cancellationToken);
        var home = options.Value.PublicBaseUrl;
        var feed = HitFeed.Write(topic, found, new Uri(home, $"api/topics/{Uri.EscapeDataString(topic.Id)}/feed"), new Uri(home, "api/dashboard"), now);

        var response = request.HttpContext.Response;
        response.Headers.ETag = feed.ETag;
        response.Headers.LastModified = feed.LastModified.ToString("R", CultureInfo.InvariantCulture);
        response.Headers.CacheControl = "public, max-age=300";
        var unchanged = request.Headers.IfNoneMatch.Count > 0
            ? request.Headers.IfNoneMatch.Any(tag => tag == feed.ETag || tag == "*")
            : DateTimeOffset.TryParse(request.Headers.IfModifiedSince.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since)
              && feed.LastModified <= since.AddSeconds(1);
        return unchanged
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : Results.Text(feed.Xml, "application/atom+xml; charset=utf-8");
    }
}
