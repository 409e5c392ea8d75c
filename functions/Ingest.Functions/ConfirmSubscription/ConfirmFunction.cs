using Microsoft.Azure.Functions.Worker;
using Ingest.Core.Subscriptions;
using Ingest.Functions.Pages;
using Ingest.Views.Confirm;

namespace Ingest.Functions.ConfirmSubscription;

/// <summary>
/// <c>/api/subscriptions/confirm?token=…</c>: a GET, which mail scanners make as readily as people, only shows what
/// would be confirmed and the button; the button's POST confirms. So a subscription nobody asked for is never
/// confirmed by a machine. A reused link says the subscription is already confirmed; an old one says it expired.
/// </summary>
public sealed class ConfirmFunction(SubscriptionService subscriptions)
{
    [Function("ConfirmSubscription")]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "subscriptions/confirm")] HttpRequest request, CancellationToken cancellationToken)
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
}
