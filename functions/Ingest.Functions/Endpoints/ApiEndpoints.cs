using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ingest.Core.Model;
using Ingest.Core.Publishing;
using Ingest.Core.Reads;
using Ingest.Core.Settings;
using Ingest.Core.Subscriptions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Ingest.Functions.Endpoints;

/// <summary>
/// The read API, for scripts and dashboards (its OpenAPI description is made from the code, <see cref="ApiDocument"/>):
/// <list type="table">
/// <item><term>GET /api/hits</term><description>ApiHits: hits, filtered, newest first, a page at a time.</description></item>
/// <item><term>GET /api/stories</term><description>ApiStories: the same grouped into stories.</description></item>
/// <item><term>GET /api/openapi.json</term><description>ApiDescription (anonymous): the OpenAPI 3.1 document.</description></item>
/// </list>
/// Hits and stories need <c>Authorization: Bearer</c> with a subscriber's private feed token (their topics and watches)
/// or the operator key (everything). No token, a forged one, an old one and one of an ended subscription all get the
/// same 401, so the answer never says whether a subscriber exists.
/// </summary>
public sealed class ApiEndpoints(HitSearch search, SubscriptionService subscriptions, TopicCatalog catalog, IOptions<ApiOptions> api, IOptions<SubscriptionOptions> site, TimeProvider time)
{
    [Function("ApiHits")]
    public Task<IResult> HitsAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "hits")] HttpRequest request, CancellationToken cancellationToken) =>
        AnswerAsync(request, async (scope, query) => await search.HitsAsync(scope, query, cancellationToken), cancellationToken);

    [Function("ApiStories")]
    public Task<IResult> StoriesAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "stories")] HttpRequest request, CancellationToken cancellationToken) =>
        AnswerAsync(request, async (scope, query) => await search.StoriesAsync(scope, query, cancellationToken), cancellationToken);

    [Function("ApiDescription")]
    public IResult Description([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest request) =>
        Results.Text(ApiDocument.Write(site.Value.PublicBaseUrl, ApiDocument.Version).ToJsonString(), "application/json; charset=utf-8");

    private async Task<IResult> AnswerAsync<T>(HttpRequest request, Func<HitScope, HitQuery, Task<(T? Page, ApiError? Refused)>> find, CancellationToken cancellationToken)
    {
        request.HttpContext.Response.Headers.CacheControl = "private, no-cache";
        if (await CallerAsync(request, cancellationToken) is not { } scope)
        {
            request.HttpContext.Response.Headers.WWWAuthenticate = "Bearer realm=\"ingest\"";
            return Results.Json(new ApiError("A valid token is needed: your private feed's token, or the operator key, as Authorization: Bearer."), ApiDocument.Json, statusCode: StatusCodes.Status401Unauthorized);
        }

        var (query, errors) = HitQuery.Read(name => [.. request.Query[name].OfType<string>()], time.GetUtcNow());
        if (query is null)
        {
            return Results.Json(new ApiError("Some parameters were refused.", errors), ApiDocument.Json, statusCode: StatusCodes.Status400BadRequest);
        }

        var (page, refused) = await find(scope, query);
        if (refused is not null)
        {
            return Results.Json(refused, ApiDocument.Json, statusCode: StatusCodes.Status400BadRequest);
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(page, ApiDocument.Json);
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, 16))}\"";
        request.HttpContext.Response.Headers.ETag = etag;
        return request.Headers.IfNoneMatch.Any(tag => tag == etag || tag == "*")
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : Results.Bytes(body, "application/json; charset=utf-8");
    }

    /// <summary>The operator (by the key, compared in constant time), the subscriber whose feed token this is, or nobody.</summary>
    private async Task<HitScope?> CallerAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var header = request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
        if (string.IsNullOrEmpty(token) || token.Length > 1000)
        {
            return null;
        }

        if (api.Value.OperatorKey is { } key && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(key)))
        {
            return HitScope.Operator(catalog);
        }

        return await subscriptions.FromFeedTokenAsync(token, cancellationToken) is { } subscriber ? HitScope.Of(subscriber) : null;
    }
}
