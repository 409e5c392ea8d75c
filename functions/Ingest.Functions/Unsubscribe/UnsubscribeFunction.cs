using Microsoft.Azure.Functions.Worker;
using Ingest.Core.Subscriptions;
using Ingest.Functions.Pages;
using Ingest.Views.Unsubscribe;

namespace Ingest.Functions.Unsubscribe;

/// <summary>
/// <c>/api/subscriptions/unsubscribe?token=…</c>: a POST unsubscribes at once (RFC 8058 one-click, sent by mail
/// clients with <c>List-Unsubscribe=One-Click</c>); a GET, which link scanners also make, only shows the button.
/// </summary>
public sealed class UnsubscribeFunction(SubscriptionService subscriptions)
{
    [Function("Unsubscribe")]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "subscriptions/unsubscribe")] HttpRequest request, CancellationToken cancellationToken)
    {
        string? token = request.Query["token"];
        var outcome = HttpMethods.IsPost(request.Method) ? await subscriptions.UnsubscribeAsync(token, cancellationToken) : LinkOutcome.Ready;
        return Page.Show<UnsubscribePage>(
            new Dictionary<string, object?> { [nameof(UnsubscribePage.Outcome)] = outcome, [nameof(UnsubscribePage.FormAction)] = $"?token={Uri.EscapeDataString(token ?? "")}" },
            outcome == LinkOutcome.Invalid ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }
}
