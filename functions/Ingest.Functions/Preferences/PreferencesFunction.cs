using Microsoft.Azure.Functions.Worker;
using Ingest.Core.Subscriptions;
using Ingest.Core.Topics;
using Ingest.Functions.Http;
using Ingest.Functions.Pages;
using Ingest.Functions.Subscribe;
using Ingest.Views.Preferences;
using Ingest.Views.Subscribe;
using Ingest.Core.Model;

namespace Ingest.Functions.Preferences;

/// <summary>
/// <c>/api/subscriptions/preferences?token=…</c>: the signed link's holder sees the subscription in the subscribe
/// page's controls and changes topics, frequency, time and threshold; a refused field keeps what was sent and says why
/// beside it. The page also shows the subscriber's private feed address; a post with <c>action=rotate-feed</c> replaces
/// it and one with <c>action=sign-out-links</c> ends every link, both by a new link generation.
/// </summary>
public sealed class PreferencesFunction(SubscriptionService subscriptions, TopicCatalog catalog)
{
    private const int MaxFormBytes = 16 * 1024;

    [Function("Preferences")]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "subscriptions/preferences")] HttpRequest request, CancellationToken cancellationToken)
    {
        string? token = request.Query["token"];
        if (await subscriptions.FromPreferencesLinkAsync(token, cancellationToken) is not { } subscriber)
        {
            return Page.Message("This link does not work", "It is not a preferences link of an active subscription. Every Ingest mail carries a fresh one.", StatusCodes.Status400BadRequest);
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            return Show(subscriber, token!, SubscriptionValues.Of(subscriber), new Dictionary<string, string>(), saved: false);
        }

        var form = request.HasFormContentType ? await RequestFields.ReadAsync(request, MaxFormBytes, SubscribeFunction.KnownFields, cancellationToken) : null;
        if (form?.Values is not { } fields)
        {
            var errors = form?.Error is null ? new Dictionary<string, string> { ["body"] = "Send the form on this page." } : form.Errors;
            return Show(subscriber, token!, SubscriptionValues.Of(subscriber), errors, saved: false, StatusCodes.Status400BadRequest);
        }

        var action = fields.GetValueOrDefault("action");
        if (action is "rotate-feed" or "sign-out-links")
        {
            // Either way a new link generation: the page answers at its own new address, the only link that now works.
            var renewed = await subscriptions.RenewLinksAsync(subscriber, cancellationToken);
            return Show(renewed, subscriptions.PreferencesToken(renewed), SubscriptionValues.Of(renewed), new Dictionary<string, string>(), saved: false,
                feedRotated: action == "rotate-feed", linksRenewed: action == "sign-out-links");
        }

        var (saved, refused) = await subscriptions.UpdatePreferencesAsync(subscriber, fields, catalog.Topics.Select(t => t.Id).ToList(), cancellationToken);
        return saved is not null
            ? Show(saved, token!, SubscriptionValues.Of(saved), new Dictionary<string, string>(), saved: true)
            : Show(subscriber, token!, SubscriptionValues.Posted(fields), refused!, saved: false, StatusCodes.Status400BadRequest);
    }

    private IResult Show(Subscriber subscriber, string token, SubscriptionValues values, IReadOnlyDictionary<string, string> errors, bool saved, int status = StatusCodes.Status200OK, bool feedRotated = false, bool linksRenewed = false) =>
        Page.Show<PreferencesPage>(new Dictionary<string, object?>
        {
            [nameof(PreferencesPage.Form)] = new SubscriptionFormView(catalog.Topics, values, errors),
            [nameof(PreferencesPage.Email)] = subscriber.Email,
            [nameof(PreferencesPage.FormAction)] = $"?token={Uri.EscapeDataString(token)}",
            [nameof(PreferencesPage.Saved)] = saved,
            [nameof(PreferencesPage.FeedUrl)] = subscriptions.FeedUrl(subscriber).AbsoluteUri,
            [nameof(PreferencesPage.FeedRotated)] = feedRotated,
            [nameof(PreferencesPage.LinksRenewed)] = linksRenewed,
        }, status);
}
