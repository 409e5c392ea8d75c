using Ingest.Core.Deliveries;
using Ingest.Core.Fetching;
using Ingest.Core.Model;
using Ingest.Core.Subscriptions;
using Ingest.Functions.Http;
using Ingest.Functions.Pages;
using Ingest.Views.Confirm;
using Ingest.Views.Preferences;
using Ingest.Views.Subscribe;
using Ingest.Views.Unsubscribe;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Ingest.Functions.Endpoints;

/// <summary>
/// What a person does with a subscription, every route anonymous; a link's signed token is its only key:
/// <list type="table">
/// <item><term>GET /api/subscribe</term><description>SubscribePage: the subscribe form.</description></item>
/// <item><term>POST /api/subscriptions</term><description>Subscribe: a request, JSON or form; 202 alike for every address.</description></item>
/// <item><term>GET, POST /api/subscriptions/confirm?token=</term><description>ConfirmSubscription: GET shows, POST confirms.</description></item>
/// <item><term>GET, POST /api/subscriptions/preferences?token=</term><description>Preferences: the subscription in the form's controls; its feed address and links renewed.</description></item>
/// <item><term>GET, POST /api/subscriptions/unsubscribe?token=</term><description>Unsubscribe: GET shows the button, POST (one-click) unsubscribes.</description></item>
/// </list>
/// A GET never changes anything, because mail scanners follow links as readily as people.
/// </summary>
public sealed class SubscriptionEndpoints(SubscriptionService subscriptions, TopicCatalog catalog, ClientRateLimit limiter, IDeliveryStore deliveries, IOptions<FetchOptions> fetch, TimeProvider time)
{
    /// <summary>The largest form or JSON body read; a subscription is a few hundred bytes.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    /// <summary>The subscription form's fields, the names an error may repeat back.</summary>
    public static readonly IReadOnlySet<string> KnownFields = new HashSet<string>(StringComparer.Ordinal) { "email", "topics", "watches", "frequency", "hour", "timeZone", "weekday", "minScore", "action", EndpointForm.KindField, EndpointForm.UrlField, EndpointForm.IdField };

    private const string Pending = "If this address can receive mail, a confirmation link is on its way. The subscription starts when it is clicked.";

    /// <summary>
    /// The subscribe form. Its script posts JSON to <c>/api/subscriptions</c> and puts each error beside its field;
    /// without script the form posts itself and the answer is a page.
    /// </summary>
    [Function("SubscribePage")]
    public IResult SubscribePage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "subscribe")] HttpRequest request) =>
        Page.Show<SubscribePage>(new SubscriptionFormView(catalog.Topics, SubscriptionValues.Defaults, new Dictionary<string, string>()));

    /// <summary>
    /// Validates every field, then answers 202 with the same words whether the address is new, pending or already
    /// subscribed; the request is queued, so the answer takes as long for a known address as for a new one. A browser
    /// posting the form without script gets the answer as a page.
    /// </summary>
    [Function("Subscribe")]
    public async Task<IResult> SubscribeAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "subscriptions")] HttpRequest request, CancellationToken cancellationToken)
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
        var (subscriber, errors) = fields.Values is null
            ? (null, fields.Errors)
            : await subscriptions.ReadFormAsync(fields.Values, [.. catalog.Topics.Select(t => t.Id)], cancellationToken);
        if (subscriber is null)
        {
            // Without script the form comes back as it was filled in, each error beside its field.
            return asPage
                ? Page.Show<SubscribePage>(new SubscriptionFormView(catalog.Topics, SubscriptionValues.Posted(fields.Values ?? new Dictionary<string, string?>()), errors), StatusCodes.Status400BadRequest)
                : Results.Json(new { errors }, statusCode: StatusCodes.Status400BadRequest);
        }

        await subscriptions.RequestAsync(subscriber, cancellationToken);
        return asPage
            ? Page.Message("Check your inbox", Pending, StatusCodes.Status202Accepted)
            : Results.Json(new { status = "pending", message = Pending }, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>
    /// A GET, which mail scanners make as readily as people, only shows what would be confirmed and the button; the
    /// button's POST confirms. A reused link says the subscription is already confirmed; an old one says it expired.
    /// </summary>
    [Function("ConfirmSubscription")]
    public async Task<IResult> ConfirmAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "subscriptions/confirm")] HttpRequest request, CancellationToken cancellationToken)
    {
        string? token = request.Query["token"];
        var (outcome, subscriber) = HttpMethods.IsPost(request.Method)
            ? await subscriptions.ConfirmAsync(token, cancellationToken)
            : await subscriptions.InspectConfirmLinkAsync(token, cancellationToken);
        var view = new ConfirmView(
            outcome,
            subscriber,
            subscriber is null ? [] : subscriptions.TopicTitles(subscriber),
            FormAction: $"?token={Uri.EscapeDataString(token ?? "")}",
            PreferencesUrl: outcome == LinkOutcome.Done ? subscriptions.PreferencesUrl(subscriber!) : null);
        var status = outcome is LinkOutcome.Invalid or LinkOutcome.Expired ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;
        return Page.Show<ConfirmPage>(view, status);
    }

    /// <summary>
    /// The signed link's holder sees the subscription in the subscribe page's controls and changes topics, frequency,
    /// time and threshold; a refused field keeps what was sent and says why beside it. A post with
    /// <c>action=rotate-feed</c> replaces the private feed address and one with <c>action=sign-out-links</c> ends every
    /// link, both by a new link generation; <c>action=add-endpoint</c> and <c>action=remove-endpoint</c> change where
    /// mails are also pushed.
    /// </summary>
    [Function("Preferences")]
    public async Task<IResult> PreferencesAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "subscriptions/preferences")] HttpRequest request, CancellationToken cancellationToken)
    {
        string? token = request.Query["token"];
        if (await subscriptions.FromPreferencesLinkAsync(token, cancellationToken) is not { } subscriber)
        {
            return Page.Message("This link does not work", "It is not a preferences link of an active subscription. Every Ingest mail carries a fresh one.", StatusCodes.Status400BadRequest);
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            return await ShowPreferencesAsync(subscriber, token!, SubscriptionValues.Of(subscriber), new Dictionary<string, string>(), saved: false, cancellationToken: cancellationToken);
        }

        var form = request.HasFormContentType ? await RequestFields.ReadAsync(request, MaxBodyBytes, KnownFields, cancellationToken) : null;
        if (form?.Values is not { } fields)
        {
            var errors = form?.Error is null ? new Dictionary<string, string> { ["body"] = "Send the form on this page." } : form.Errors;
            return await ShowPreferencesAsync(subscriber, token!, SubscriptionValues.Of(subscriber), errors, saved: false, StatusCodes.Status400BadRequest, cancellationToken: cancellationToken);
        }

        var action = fields.GetValueOrDefault("action");
        if (action is "rotate-feed" or "sign-out-links")
        {
            // Either way a new link generation: the page answers at its own new address, the only link that now works.
            var renewed = await subscriptions.RenewLinksAsync(subscriber, cancellationToken);
            return await ShowPreferencesAsync(renewed, subscriptions.PreferencesToken(renewed), SubscriptionValues.Of(renewed), new Dictionary<string, string>(), saved: false,
                notice: action == "rotate-feed" ? PreferencesNotice.FeedRotated : PreferencesNotice.LinksRenewed, cancellationToken: cancellationToken);
        }

        if (action is "add-endpoint" or "remove-endpoint")
        {
            return await ChangeEndpointsAsync(subscriber, token!, action, fields, cancellationToken);
        }

        var (saved, refused) = await subscriptions.UpdatePreferencesAsync(subscriber, fields, [.. catalog.Topics.Select(t => t.Id)], cancellationToken);
        return saved is not null
            ? await ShowPreferencesAsync(saved, token!, SubscriptionValues.Of(saved), new Dictionary<string, string>(), saved: true, cancellationToken: cancellationToken)
            : await ShowPreferencesAsync(subscriber, token!, SubscriptionValues.Posted(fields), refused!, saved: false, StatusCodes.Status400BadRequest, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Adds or removes a push endpoint. A new generic webhook's signing secret is on the answering page and nowhere
    /// else, ever: the page says to copy it now.
    /// </summary>
    private async Task<IResult> ChangeEndpointsAsync(Subscriber subscriber, string token, string action, IReadOnlyDictionary<string, string?> fields, CancellationToken cancellationToken)
    {
        var values = SubscriptionValues.Of(subscriber);
        var none = new Dictionary<string, string>();
        if (action == "remove-endpoint")
        {
            var left = await subscriptions.RemoveEndpointAsync(subscriber, fields.GetValueOrDefault(EndpointForm.IdField), cancellationToken);
            return await ShowPreferencesAsync(left, token, values, none, saved: false, notice: PreferencesNotice.EndpointRemoved, cancellationToken: cancellationToken);
        }

        var (endpoint, field, error) = EndpointForm.Read(fields, subscriber, fetch.Value, time.GetUtcNow());
        if (endpoint is null)
        {
            var refused = new Dictionary<string, string> { [field!] = error! };
            return await ShowPreferencesAsync(subscriber, token, values, refused, saved: false, StatusCodes.Status400BadRequest, cancellationToken: cancellationToken, postedEndpoint: fields);
        }

        var added = await subscriptions.AddEndpointAsync(subscriber, endpoint, cancellationToken);
        return await ShowPreferencesAsync(added, token, values, none, saved: false, notice: PreferencesNotice.EndpointAdded, newSecret: endpoint.Secret, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// A POST unsubscribes at once (RFC 8058 one-click, sent by mail clients with <c>List-Unsubscribe=One-Click</c>);
    /// a GET, which link scanners also make, only shows the button.
    /// </summary>
    [Function("Unsubscribe")]
    public async Task<IResult> UnsubscribeAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "subscriptions/unsubscribe")] HttpRequest request, CancellationToken cancellationToken)
    {
        string? token = request.Query["token"];
        var outcome = HttpMethods.IsPost(request.Method) ? await subscriptions.UnsubscribeAsync(token, cancellationToken) : LinkOutcome.Ready;
        return Page.Show<UnsubscribePage>(
            new Dictionary<string, object?> { [nameof(UnsubscribePage.Outcome)] = outcome, [nameof(UnsubscribePage.FormAction)] = $"?token={Uri.EscapeDataString(token ?? "")}" },
            outcome == LinkOutcome.Invalid ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    private async Task<IResult> ShowPreferencesAsync(Subscriber subscriber, string token, SubscriptionValues values, IReadOnlyDictionary<string, string> errors, bool saved, int status = StatusCodes.Status200OK,
        PreferencesNotice notice = PreferencesNotice.None, string? newSecret = null, IReadOnlyDictionary<string, string?>? postedEndpoint = null, CancellationToken cancellationToken = default)
    {
        var endpoints = await Task.WhenAll((subscriber.Endpoints ?? []).Select(async endpoint =>
            new EndpointLine(endpoint.Id, endpoint.Kind.ToString(), endpoint.Shown, await EndpointStatus.DescribeAsync(deliveries, subscriber, endpoint, cancellationToken))));

        return Page.Show<PreferencesPage>(new Dictionary<string, object?>
        {
            [nameof(PreferencesPage.Form)] = new SubscriptionFormView(catalog.Topics, values, errors),
            [nameof(PreferencesPage.Email)] = subscriber.Email,
            [nameof(PreferencesPage.FormAction)] = $"?token={Uri.EscapeDataString(token)}",
            [nameof(PreferencesPage.Saved)] = saved,
            [nameof(PreferencesPage.FeedUrl)] = subscriptions.FeedUrl(subscriber).AbsoluteUri,
            [nameof(PreferencesPage.JsonFeedUrl)] = subscriptions.FeedUrl(subscriber, json: true).AbsoluteUri,
            [nameof(PreferencesPage.Notice)] = notice,
            [nameof(PreferencesPage.Endpoints)] = endpoints,
            [nameof(PreferencesPage.NewSecret)] = newSecret,
            [nameof(PreferencesPage.PostedEndpointKind)] = postedEndpoint?.GetValueOrDefault(EndpointForm.KindField),
            [nameof(PreferencesPage.PostedEndpointUrl)] = postedEndpoint?.GetValueOrDefault(EndpointForm.UrlField),
        }, status);
    }

    /// <summary>
    /// The caller as the host's front end saw it. The front end (Azure's, or <c>ingest host</c> locally) appends the
    /// connection's address to <c>X-Forwarded-For</c>; the worker's ASP.NET Core integration takes that one entry, and
    /// only that one, as the connection's remote address. Whatever the client itself wrote there is never trusted.
    /// An IPv6 client counts by its /64 (<see cref="ClientRateLimit.ClientKey"/>).
    /// </summary>
    private static string ClientAddress(HttpRequest request) => ClientRateLimit.ClientKey(request.HttpContext.Connection.RemoteIpAddress);
}
