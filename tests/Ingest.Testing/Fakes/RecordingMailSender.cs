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

    /// <summary>How SMTP fails when the server cannot be reached: a failure worth retrying.</summary>
    public static DeliveryException ServerAway() => new("SMTP: connection refused");

    /// <summary>How SMTP fails when the server refuses a recipient with a 5xx: for good.</summary>
    public static DeliveryException RefusedForGood(string recipient) => new($"550 no such mailbox {recipient}", permanent: true);

    /// <summary>The failure each send throws from now on; null sends.</summary>
    public DeliveryException? Refuse { get; set; }

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
