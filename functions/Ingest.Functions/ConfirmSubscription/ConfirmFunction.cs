using System.Net;
using Ingest.Core.Subscriptions;
using Ingest.Functions.Pages;
using Ingest.Storage.Stores;

namespace Ingest.Functions.ConfirmSubscription;

/// <summary><c>GET /api/subscriptions/confirm?token=…</c>: the click in the confirmation mail confirms, with no second button.</summary>
public static class ConfirmFunction
{
    public static async Task<IResult> GetAsync(string? token, MailServices mail, CancellationToken cancellationToken)
    {
        var (outcome, subscriber) = await mail.Subscriptions.ConfirmAsync(token, cancellationToken);
        return outcome == LinkOutcome.Invalid || subscriber is null
            ? Page.Html("This link does not work", "<p>It is not a confirmation link, or it is more than 7 days old. Subscribe again to get a new one.</p>", StatusCodes.Status400BadRequest)
            : Page.Html("Subscription confirmed", $"""
                <p>You will get your first mail when it is due. Every mail has a link to unsubscribe.</p>
                <p><a href="{WebUtility.HtmlEncode(mail.Subscriptions.PreferencesUrl(subscriber).AbsoluteUri)}">Change what you get</a> (keep this link: it is yours alone).</p>
                """);
    }
}
