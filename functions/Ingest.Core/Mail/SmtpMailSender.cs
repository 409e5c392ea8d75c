using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Ingest.Core.Mail;

/// <summary>The <c>Smtp__*</c> app settings.</summary>
public sealed record SmtpSettings(string Host, int Port, bool EnableSsl, string? Username, string? Password, string From)
{
    /// <summary>Port 465 speaks TLS from the first byte; any other port upgrades with STARTTLS when TLS is asked for.</summary>
    public SecureSocketOptions Security => !EnableSsl ? SecureSocketOptions.None : Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
}

/// <summary>
/// Sends through MailKit: a multipart/alternative message (plain text, then HTML), the unsubscribe headers, and
/// internationalised domains as the server can take them (UTF-8 with SMTPUTF8, punycode without). Header values are
/// stripped of line breaks here, whatever the caller did, so nothing from a feed can add a header. A 5xx answer is a
/// permanent refusal (<see cref="DeliveryException.Permanent"/>): retrying it would only fill the poison queue.
/// </summary>
public sealed class SmtpMailSender(SmtpSettings settings) : IMailSender
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        if (settings.Host.Length == 0)
        {
            throw new DeliveryException("Smtp__Host is not set: Ingest cannot send mail without an SMTP server.");
        }

        using var message = Compose(mail);
        using var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(settings.Host, settings.Port, settings.Security, cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(settings.Username))
            {
                await client.AuthenticateAsync(settings.Username, settings.Password ?? "", cancellationToken).ConfigureAwait(false);
            }

            await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
            await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
        }
        catch (SmtpCommandException ex)
        {
            var permanent = (int)ex.StatusCode >= 500;
            throw new DeliveryException($"SMTP {settings.Host}:{settings.Port} did not take the mail to {mail.To}: {(int)ex.StatusCode} {OneLine(ex.Message)}{(permanent ? " (refused for good)" : "")}", permanent, ex);
        }
        catch (Exception ex) when (ex is SmtpProtocolException or IOException or System.Net.Sockets.SocketException or AuthenticationException or SslHandshakeException or TimeoutException)
        {
            throw new DeliveryException($"SMTP {settings.Host}:{settings.Port} did not take the mail to {mail.To}: {OneLine(ex.Message)}", permanent: false, ex);
        }
    }

    private MimeMessage Compose(OutgoingMail mail)
    {
        var message = new MimeMessage { Subject = HeaderText(mail.Subject) };
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(MailboxAddress.Parse(mail.To));
        message.Headers.Add("List-Unsubscribe", $"<{HeaderText(mail.UnsubscribeUrl.AbsoluteUri)}>");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        if (mail.MessageId is { } id)
        {
            message.MessageId = HeaderText(id);
        }

        message.Body = new BodyBuilder { TextBody = mail.Text, HtmlBody = mail.Html }.ToMessageBody();
        return message;
    }

    /// <summary>One line of header text: CR, LF and other controls become spaces.</summary>
    public static string HeaderText(string text) => string.Create(text.Length, text, (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            span[i] = char.IsControl(source[i]) ? ' ' : source[i];
        }
    });

    private static string OneLine(string text) => HeaderText(text.Split('\n')[0].Trim());
}
