using System.Globalization;
using Ingest.Core.Publishing;

namespace Ingest.Functions.Http;

/// <summary>
/// A hit feed (Atom or JSON Feed) as the answer to a GET: <c>ETag</c> and <c>Last-Modified</c> always, 304 when the reader's
/// <c>If-None-Match</c> (or, without one, <c>If-Modified-Since</c>) says it has this version, so polling costs little.
/// </summary>
public static class FeedResponse
{
    /// <param name="cacheControl"><c>public</c> for a topic's feed; <c>private</c> for a subscriber's, whose address is a secret.</param>
    public static IResult For(HttpRequest request, HitFeed feed, string cacheControl)
    {
        var response = request.HttpContext.Response;
        response.Headers.ETag = feed.ETag;
        response.Headers.LastModified = feed.LastModified.ToString("R", CultureInfo.InvariantCulture);
        response.Headers.CacheControl = cacheControl;
        var unchanged = request.Headers.IfNoneMatch.Count > 0
            ? request.Headers.IfNoneMatch.Any(tag => tag == feed.ETag || tag == "*")
            : DateTimeOffset.TryParse(request.Headers.IfModifiedSince.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since)
              && feed.LastModified <= since.AddSeconds(1);
        return unchanged
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : Results.Text(feed.Body, feed.ContentType);
    }
}
