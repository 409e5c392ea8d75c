using System.Globalization;
using Ingest.Core.Mail;
using Microsoft.Extensions.Configuration;

namespace Ingest.Core.Settings;

/// <summary>The <c>Smtp__*</c> settings, <c>PublicBaseUrl</c> and <c>SubscriptionSigningKey</c>, read in one place.</summary>
public static class MailSettings
{
    public const string SigningKey = "SubscriptionSigningKey";
    public const string PublicBaseUrl = "PublicBaseUrl";

    /// <summary>Every app setting this class reads, as Azure names them; the deployment tests check the templates set each.</summary>
    public static IReadOnlyList<string> Keys { get; } =
        [PublicBaseUrl, SigningKey, .. new[] { "Host", "Port", "EnableSsl", "Username", "Password", "From" }.Select(k => "Smtp__" + k)];

    /// <summary>The key that signs confirmation, unsubscribe and preferences links; links signed with another stop working.</summary>
    public static string ReadSigningKey(IConfiguration configuration) => configuration[SigningKey] ?? "";

    public static SmtpSettings ReadSmtp(IConfiguration configuration)
    {
        var smtp = configuration.GetSection("Smtp");
        var host = smtp["Host"];
        if (string.IsNullOrWhiteSpace(host))
        {
            throw new InvalidOperationException("Smtp__Host is not set: Ingest cannot send mail without an SMTP server.");
        }

        var portText = smtp["Port"];
        var port = 25;
        if (!string.IsNullOrWhiteSpace(portText) && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
        {
            throw new InvalidOperationException($"Smtp__Port must be a port number, not '{portText}'.");
        }

        return new SmtpSettings(
            host.Trim(),
            port,
            bool.TryParse(smtp["EnableSsl"], out var ssl) && ssl,
            smtp["Username"],
            smtp["Password"],
            string.IsNullOrWhiteSpace(smtp["From"]) ? "Ingest <ingest@localhost>" : smtp["From"]!);
    }

    public static Uri ReadPublicBaseUrl(IConfiguration configuration)
    {
        var text = configuration[PublicBaseUrl];
        return Uri.TryCreate(text?.TrimEnd('/') + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new InvalidOperationException($"PublicBaseUrl must be the service's absolute http(s) address, not '{text}'.");
    }
}
