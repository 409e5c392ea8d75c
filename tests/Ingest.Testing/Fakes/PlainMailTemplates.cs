using Ingest.Core.Mail;

namespace Ingest.Testing.Fakes;

/// <summary>
/// <see cref="IMailTemplates"/> as plain lines, for tests of who gets which mail: the subject, the lead, and one line
/// per entry ("topic: title (also: feeds)"), with the ids a real template gives.
/// </summary>
public sealed class PlainMailTemplates : IMailTemplates
{
    public Task<OutgoingMail> DigestAsync(DigestContent digest, CancellationToken cancellationToken)
    {
        var lines = digest.Sections.SelectMany(s => s.Entries.Select(e =>
            $"{s.TopicTitle}: {e.Hit.Title}{(e.AlsoReportedBy.Count > 0 ? $" (also: {string.Join(", ", e.AlsoReportedBy)})" : "")}"));
        var text = string.Join('\n', (digest.Lead is null ? [] : new[] { digest.Lead }).Concat(lines));
        return Task.FromResult(new OutgoingMail(digest.Subscriber.Email, digest.Subject, "", text, digest.UnsubscribeUrl, digest.MessageId));
    }

    public Task<OutgoingMail> ConfirmationAsync(ConfirmationContent confirmation, CancellationToken cancellationToken) =>
        Task.FromResult(new OutgoingMail(confirmation.Subscriber.Email, "Confirm your subscription", "", confirmation.ConfirmUrl.AbsoluteUri, confirmation.UnsubscribeUrl));
}
