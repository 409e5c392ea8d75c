using Microsoft.Azure.Functions.Worker;
using System.Net;
using Ingest.Core.Subscriptions;
using Ingest.Functions.Pages;
using Ingest.Storage.Stores;

namespace Ingest.Functions.ConfirmSubscription;

/// <summary>
/// <c>/api/subscriptions/confirm?token=…</c>: a GET, which mail scanners make as readily as people, only shows the
/// button; the button's POST confirms. So a subscription nobody asked for is never confirmed by a machine.
/// </summary>
public sealed class ConfirmFunction(SubscriptionService subscriptions)
{
    [Function("ConfirmSubscription")]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "subscriptions/confirm")] HttpRequest request, CancellationToken cancellationToken) =>
        HttpMethods.IsPost(request.Method) ? await PostAsync(request.Query["token"], cancellationToken) : Get(request.Query["token"]);

    private IResult Get(string? token) =>
        subscriptions.IsConfirmLink(token)
            ? Page.Html("Confirm your subscription", $"""
                <p>One more click starts the mails you asked for.</p>
                <form method="post" action="?token={WebUtility.HtmlEncode(Uri.EscapeDataString(token!))}"><button type="submit">Confirm the subscription</button></form>
                """)
            : Invalid();

    private async Task<IResult> PostAsync(string? token, CancellationToken cancellationToken)
    {
        var (outcome, subscriber) = await subscriptions.ConfirmAsync(token, cancellationToken);
        return outcome == LinkOutcome.Invalid || subscriber is null
            ? Invalid()
            : Page.Html("Subscription confirmed", $"""
                <p>You will get your first mail when it is due. Every mail has a link to unsubscribe.</p>
                <p><a href="{WebUtility.HtmlEncode(subscriptions.PreferencesUrl(subscriber).AbsoluteUri)}">Change what you get</a> (keep this link: it is yours alone).</p>
                """);
    }

    private static IResult Invalid() =>
        Page.Html("This link does not work", "<p>It is not a confirmation link, or it is more than 7 days old. Subscribe again to get a new one.</p>", StatusCodes.Status400BadRequest);
}
