using Ingest.Core.Deliveries;
using Ingest.Core.Model;
namespace Ingest.Core.Mail;

/// <summary>
/// A mail as Ingest writes it: both an HTML and a plain-text part, and the unsubscribe headers every mail carries
/// (RFC 2369 <c>List-Unsubscribe</c> and RFC 8058 one-click). <see cref="MessageId"/> is deterministic for digests.
/// <see cref="Id"/> names a queued mail's delivery, claimed before it is sent (<see cref="OutboxSender"/>).
/// </summary>
public sealed record OutgoingMail(string To, string Subject, string Html, string Text, Uri UnsubscribeUrl, string? MessageId = null, string? Id = null) : IQueueMessage
{
    public string? Lacks() => To is { Length: > 0 } ? null : "an emails message needs a recipient";
}

/// <summary>Sends mail. A failure throws <see cref="DeliveryException"/>, so a queue invocation fails and is retried.</summary>
public interface IMailSender
{
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken);
}
