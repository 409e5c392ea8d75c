using Ingest.Core.Model;
using Microsoft.Azure.Functions.Worker;
using Ingest.Core.Subscriptions;
using Ingest.Functions.Http;
using Ingest.Functions.Pages;
using Ingest.Views.Subscribe;

namespace Ingest.Functions.Subscribe;

/// <summary>
/// <c>POST /api/subscriptions</c> (JSON or form): validates every field, then answers 202 with the same words
/// whether the address is new, pending or already subscribed. A browser posting the subscribe page's form without
/// script gets the answer as a page.
/// </summary>
public sealed class SubscribeFunction(SubscriptionService subscriptions, TopicCatalog catalog, RateLimiter limiter, TimeProvider time)
{
    public const int MaxBodyBytes = 16 * 1024;

    [Function("Subscribe")]
    public async Task<IResult> PostAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "subscriptions")] HttpRequest request, CancellationToken cancellationToken)
    {
        var asPage = request.HasFormContentType && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
        if (!limiter.TryAcquire(ClientAddress(request)))
        {
            const string tooMany = "too many requests from this address; try again later";
            return asPage
                ? Page.Message("Not now", $"Ingest has had {tooMany}.", StatusCodes.Status429TooManyRequests, "Back to the form", "/api/subscribe")
                : Results.Json(new { error = tooMany }, statusCode: StatusCodes.Status429TooManyRequests);
        }

        var fields = await RequestFields.ReadAsync(request, MaxBodyBytes, KnownFields, cancellationToken);
        var topics = catalog.Topics.Select(t => t.Id).ToList();
        var (subscriber, errors) = fields.Values is null
            ? (null, fields.Errors)
            : SubscriptionForm.Read(fields.Values, topics, time.GetUtcNow());
        if (subscriber is null)
        {
            // Without script the form comes back as it was filled in, each error beside its field.
            return asPage
                ? Page.Show<Views.Subscribe.SubscribePage>(new SubscriptionFormView(catalog.Topics, SubscriptionValues.Posted(fields.Values ?? new Dictionary<string, string?>()), errors), StatusCodes.Status400BadRequest)
                : Results.Json(new { errors }, statusCode: StatusCodes.Status400BadRequest);
        }

        // Queued, not handled here: the answer must take as long for a known address as for a new one.
        await subscriptions.RequestAsync(subscriber, cancellationToken);
        return asPage
            ? Page.Message("Check your inbox", Pending, StatusCodes.Status202Accepted)
            : Results.Json(new { status = "pending", message = Pending }, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>The subscription form's fields, the names an error may repeat back.</summary>
    public static readonly IReadOnlySet<string> KnownFields = new HashSet<string>(StringComparer.Ordinal) { "email", "topics", "frequency", "hour", "timeZone", "weekday", "minScore", "action" };

    private const string Pending = "If this address can receive mail, a confirmation link is on its way. The subscription starts when it is clicked.";

    /// <summary>
    /// The caller as the host's front end saw it. The front end (Azure's, or <c>ingest host</c> locally) appends the
    /// connection's address to <c>X-Forwarded-For</c>; the worker's ASP.NET Core integration takes that one entry, and
    /// only that one, as the connection's remote address. Whatever the client itself wrote there is never trusted.
    /// An IPv6 client counts by its /64 (<see cref="RateLimiter.ClientKey"/>).
    /// </summary>
    private static string ClientAddress(HttpRequest request) => RateLimiter.ClientKey(request.HttpContext.Connection.RemoteIpAddress);
}
