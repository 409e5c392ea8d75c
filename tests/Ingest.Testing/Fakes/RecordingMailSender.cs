using Ingest.Core.Mail;

namespace Ingest.Testing.Fakes;

/// <summary>
/// <see cref="IMailSender"/> that keeps what it is given instead of sending it. <see cref="Refuse"/> makes it fail
/// as an SMTP server does: away (a failure worth retrying) or refusing for good.
/// </summary>
public sealed class RecordingMailSender : IMailSender
{
    private readonly List<OutgoingMail> _sent = [];
    private readonly Lock _lock = new();

    /// <summary>The failure each send throws from now on; null sends.</summary>
    public MailDeliveryException? Refuse { get; set; }

    public IReadOnlyList<OutgoingMail> Sent
    {
        get
        {
            lock (_lock)
            {
                return [.. _sent];
            }
        }
    }

    public Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        if (Refuse is { } failure)
        {
            throw failure;
        }

        lock (_lock)
        {
            _sent.Add(mail);
        }

        return Task.CompletedTask;
    }
}
