using Ingest.Core.Mail;

namespace Ingest.Views.Mail;

/// <summary>
/// Mails from components: the HTML part is the rendered component, the text part is that same HTML read as text
/// (<see cref="MailText"/>), so the two can never say different things.
/// </summary>
public sealed class MailTemplates(ViewRenderer views) : IMailTemplates
{
    public async Task<OutgoingMail> DigestAsync(DigestContent digest, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var html = await views.RenderAsync<DigestMail>(digest).ConfigureAwait(false);
        return new OutgoingMail(digest.Subscriber.Email, digest.Subject, html, MailText.FromHtml(html), digest.UnsubscribeUrl, digest.MessageId);
    }

    public async Task<OutgoingMail> ConfirmationAsync(ConfirmationContent confirmation, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var html = await views.RenderAsync<ConfirmationMail>(confirmation).ConfigureAwait(false);
        return new OutgoingMail(confirmation.Subscriber.Email, "Confirm your Ingest subscription", html, MailText.FromHtml(html), confirmation.UnsubscribeUrl);
    }
}
