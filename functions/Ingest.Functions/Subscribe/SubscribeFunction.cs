using Microsoft.Azure.Functions.Worker;
using System.Text.Json;
using Ingest.Core.Subscriptions;
using Ingest.Functions.Pages;
using Ingest.Views.Subscribe;

namespace Ingest.Functions.Subscribe;

/// <summary>
/// <c>POST /api/subscriptions</c> (JSON or form): validates every field, then answers 202 with the same words
/// whether the address is new, pending or already subscribed. A browser posting the subscribe page's form without
/// script gets the answer as a page.
/// </summary>
public sealed class SubscribeFunction(SubscriptionService subscriptions, Ingest.Core.Topics.TopicMatcher matcher, RateLimiter limiter, TimeProvider time)
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

        var fields = await ReadFieldsAsync(request, cancellationToken);
        var topics = matcher.Model.Topics.Select(t => t.Id).ToList();
        var (subscriber, errors) = fields.Error is { } error
            ? (null, new Dictionary<string, string> { ["body"] = error })
            : SubscriptionForm.Read(fields.Values!, topics, time.GetUtcNow());
        if (subscriber is null)
        {
            // Without script the form comes back as it was filled in, each error beside its field.
            return asPage
                ? Page.Show<Views.Subscribe.SubscribePage>(new SubscriptionFormView(matcher.Model.Topics, SubscriptionValues.Posted(fields.Values ?? new Dictionary<string, string?>()), errors), StatusCodes.Status400BadRequest)
                : Results.Json(new { errors }, statusCode: StatusCodes.Status400BadRequest);
        }

        // Queued, not handled here: the answer must take as long for a known address as for a new one.
        await subscriptions.RequestAsync(subscriber, cancellationToken);
        return asPage
            ? Page.Message("Check your inbox", Pending, StatusCodes.Status202Accepted)
            : Results.Json(new { status = "pending", message = Pending }, statusCode: StatusCodes.Status202Accepted);
    }

    private static readonly HashSet<string> KnownFields = new(StringComparer.Ordinal) { "email", "topics", "frequency", "hour", "timeZone", "weekday", "minScore" };

    private const string Pending = "If this address can receive mail, a confirmation link is on its way. The subscription starts when it is clicked.";

    /// <summary>
    /// The caller as the host's front end saw it. The front end (Azure's, or <c>ingest host</c> locally) appends the
    /// connection's address to <c>X-Forwarded-For</c>; the worker's ASP.NET Core integration takes that one entry, and
    /// only that one, as the connection's remote address. Whatever the client itself wrote there is never trusted.
    /// </summary>
    private static string ClientAddress(HttpRequest request) =>
        request.HttpContext.Connection.RemoteIpAddress is { } address
            ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString()
            : "unknown";

    private static async Task<(IReadOnlyDictionary<string, string?>? Values, string? Error)> ReadFieldsAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, $"larger than {MaxBodyBytes / 1024} KB");
        }

        var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
            {
                return (null, $"larger than {MaxBodyBytes / 1024} KB");
            }
        }

        var mediaType = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        var bytes = buffer.ToArray();
        switch (mediaType)
        {
            case "application/json":
                try
                {
                    using var document = JsonDocument.Parse(bytes);
                    if (document.RootElement.ValueKind != JsonValueKind.Object)
                    {
                        return (null, "must be a JSON object");
                    }

                    var values = new Dictionary<string, string?>(StringComparer.Ordinal);
                    foreach (var property in document.RootElement.EnumerateObject())
                    {
                        if (!values.TryAdd(property.Name, Field(property.Value)))
                        {
                            // Which value would win is a guess; a name from outside is only repeated if it is one of ours.
                            return (null, KnownFields.Contains(property.Name) ? $"has the field '{property.Name}' more than once" : "has a field more than once");
                        }
                    }

                    return (values, null);
                }
                catch (JsonException)
                {
                    return (null, "is not valid JSON");
                }

            case "application/x-www-form-urlencoded":
                var form = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery("?" + System.Text.Encoding.UTF8.GetString(bytes));
                return (form.ToDictionary(f => f.Key, f => (string?)string.Join(',', f.Value.ToArray()), StringComparer.Ordinal), null);
            default:
                return (null, "send application/json or application/x-www-form-urlencoded");
        }
    }

    /// <summary>Fields as text; a topic list may come as an array.</summary>
    private static string? Field(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Array => string.Join(',', value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText())),
        JsonValueKind.Null => null,
        _ => value.GetRawText(),
    };
}
