using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;

namespace Ingest.Core.Mail;

/// <summary>The <c>Smtp__*</c> app settings.</summary>
public sealed record SmtpSettings(string Host, int Port, bool EnableSsl, string? Username, string? Password, string From);

/// <summary>
/// Sends through <see cref="SmtpClient"/> (MailKit is not available to this build). Header values are stripped of
/// line breaks here, whatever the caller did, so nothing from a feed can add a header.
/// </summary>
public sealed class SmtpMailSender(SmtpSettings settings) : IMailSender
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        using var message = new MailMessage
        {
            From = new MailAddress(settings.From),
            Subject = HeaderText(mail.Subject),
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
            BodyEncoding = Encoding.UTF8,
        };
        message.To.Add(new MailAddress(mail.To));
        message.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(mail.Text, Encoding.UTF8, MediaTypeNames.Text.Plain));
        message.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(mail.Html, Encoding.UTF8, MediaTypeNames.Text.Html));
        message.Headers.Add("List-Unsubscribe", $"<{HeaderText(mail.UnsubscribeUrl.AbsoluteUri)}>");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        if (mail.MessageId is { } id)
        {
            message.Headers.Add("Message-ID", $"<{HeaderText(id)}>");
        }

        using var client = new SmtpClient(settings.Host, settings.Port)
        {
            EnableSsl = settings.EnableSsl,
            DeliveryMethod = SmtpDeliveryMethod.Network,
            Timeout = 30_000,
        };
        if (!string.IsNullOrEmpty(settings.Username))
        {
            client.Credentials = new NetworkCredential(settings.Username, settings.Password);
        }

        try
        {
            await client.SendMailAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (SmtpException ex)
        {
            throw new MailDeliveryException($"SMTP {settings.Host}:{settings.Port} did not take the mail to {mail.To}: {ex.Message}", ex);
        }
    }

    /// <summary>One line of header text: CR, LF and other controls become spaces.</summary>
    public static string HeaderText(string text) => string.Create(text.Length, text, (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            span[i] = char.IsControl(source[i]) ? ' ' : source[i];
        }
    });
}
