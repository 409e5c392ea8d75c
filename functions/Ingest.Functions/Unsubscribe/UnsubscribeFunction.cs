using Microsoft.Azure.Functions.Worker;
using System.Net;
using Ingest.Core.Subscriptions;
using Ingest.Functions.Pages;
using Ingest.Storage.Stores;

namespace Ingest.Functions.Unsubscribe;

/// <summary>
/// <c>/api/subscriptions/unsubscribe?token=…</c>: a POST unsubscribes at once (RFC 8058 one-click, sent by mail
/// clients with <c>List-Unsubscribe=One-Click</c>); a GET, which link scanners also make, only shows the button.
/// </summary>
public sealed class UnsubscribeFunction(SubscriptionService subscriptions)
{
    [Function("Unsubscribe")]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "subscriptions/unsubscribe")] HttpRequest request, CancellationToken cancellationToken) =>
        HttpMethods.IsPost(request.Method) ? await PostAsync(request.Query["token"], cancellationToken) : Get(request.Query["token"]);

    private static IResult Get(string? token) =>
        Page.Html("Unsubscribe from Ingest", $"""
            <p>Stop every Ingest mail to this address?</p>
            <form method="post" action="?token={WebUtility.HtmlEncode(Uri.EscapeDataString(token ?? ""))}"><button type="submit">Unsubscribe</button></form>
            """);

    private async Task<IResult> PostAsync(string? token, CancellationToken cancellationToken) =>
        await subscriptions.UnsubscribeAsync(token, cancellationToken) switch
        {
            LinkOutcome.Invalid => Page.Html("This link does not work", "<p>It is not an unsubscribe link from an Ingest mail.</p>", StatusCodes.Status400BadRequest),
            _ => Page.Html("You are unsubscribed", "<p>No more mail will be sent to this address.</p>"),
        };
}
