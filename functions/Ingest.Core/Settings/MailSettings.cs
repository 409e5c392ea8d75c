using System.Globalization;
using Ingest.Core.Mail;
using Ingest.Core.Reads;
using Microsoft.Extensions.Configuration;

namespace Ingest.Core.Settings;

/// <summary>Where mailed links point and the key that signs them.</summary>
public sealed record SubscriptionOptions(Uri PublicBaseUrl, string SigningKey);

/// <summary>The <c>Smtp__*</c> settings, <c>PublicBaseUrl</c> and <c>SubscriptionSigningKey</c>, read in one place.</summary>
public static class MailSettings
{
    public const string SigningKey = "SubscriptionSigningKey";
    public const string PublicBaseUrl = "PublicBaseUrl";

    /// <summary>Every app setting this class reads, as Azure names them; the deployment tests check the templates set each.</summary>
    public static IReadOnlyList<string> Keys { get; } =
        [PublicBaseUrl, SigningKey, .. new[] { "Host", "Port", "EnableSsl", "Username", "Password", "From" }.Select(k => "Smtp__" + k)];

    /// <summary>The signing key (links signed with another stop working) and the address links point to.</summary>
    public static SubscriptionOptions ReadSubscriptions(IConfiguration configuration)
    {
        var key = configuration[SigningKey];
        return string.IsNullOrWhiteSpace(key) || key.Length < 16
            ? throw new InvalidOperationException($"{SigningKey} must be a secret of at least 16 characters: it signs every confirmation, unsubscribe and preferences link.")
            : new SubscriptionOptions(ReadPublicBaseUrl(configuration), key);
    }

    /// <summary>
    /// The mail server. Every value that is set must make sense; the host may be missing, since only the functions that
    /// send mail need it (they fail, and are retried, until it is set).
    /// </summary>
    public static SmtpSettings ReadSmtp(IConfiguration configuration)
    {
        var smtp = configuration.GetSection("Smtp");
        var host = smtp["Host"];

        var portText = smtp["Port"];
        var port = 25;
        if (!string.IsNullOrWhiteSpace(portText) && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
        {
            throw new InvalidOperationException($"Smtp__Port must be a port number, not '{portText}'.");
        }

        var sslText = smtp["EnableSsl"];
        var ssl = false;
        if (!string.IsNullOrWhiteSpace(sslText) && !bool.TryParse(sslText, out ssl))
        {
            throw new InvalidOperationException($"Smtp__EnableSsl must be true or false, not '{sslText}'.");
        }

        var from = string.IsNullOrWhiteSpace(smtp["From"]) ? "Ingest <ingest@localhost>" : smtp["From"]!;
        if (!MimeKit.MailboxAddress.TryParse(from, out _))
        {
            throw new InvalidOperationException($"Smtp__From must be a mail address such as Ingest <ingest@example.org>, not '{from}'.");
        }

        return new SmtpSettings(host?.Trim() ?? "", port, ssl, smtp["Username"], smtp["Password"], from);
    }

    /// <summary>
    /// <c>Mail__RetryFirstDelay</c>, <c>Mail__RetryMaxDelay</c>, <c>Mail__RetryWindow</c> (optional, <c>hh:mm:ss</c>): how a
    /// mail the server did not take is tried again (<see cref="MailRetryPolicy"/>; its defaults unless set).
    /// </summary>
    public static MailRetryPolicy ReadRetry(IConfiguration configuration)
    {
        var section = configuration.GetSection("Mail");
        var defaults = new MailRetryPolicy();
        var policy = new MailRetryPolicy
        {
            FirstDelay = Span(section, "RetryFirstDelay", defaults.FirstDelay),
            MaxDelay = Span(section, "RetryMaxDelay", defaults.MaxDelay),
            Window = Span(section, "RetryWindow", defaults.Window),
        };
        return policy.FirstDelay <= policy.MaxDelay && policy.MaxDelay <= policy.Window
            ? policy
            : throw new InvalidOperationException("Mail__RetryFirstDelay must not exceed Mail__RetryMaxDelay, nor that Mail__RetryWindow.");
    }

    private static TimeSpan Span(IConfigurationSection section, string key, TimeSpan fallback)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero && span <= TimeSpan.FromDays(7)
            ? span
            : throw new InvalidOperationException($"Mail__{key} must be a time span from 00:00:01 to 7.00:00:00, such as 00:00:30, not '{text}'.");
    }

    /// <summary><c>ApiOperatorKey</c> (optional, at least 24 characters): the read API's key for operators.</summary>
    public static ApiOptions ReadApi(IConfiguration configuration)
    {
        var key = configuration["ApiOperatorKey"];
        return string.IsNullOrEmpty(key)
            ? new ApiOptions(null)
            : key.Length >= ApiOptions.MinKeyLength && !key.Any(char.IsWhiteSpace)
                ? new ApiOptions(key)
                : throw new InvalidOperationException($"ApiOperatorKey must be at least {ApiOptions.MinKeyLength} characters without spaces, or not set.");
    }

    public static Uri ReadPublicBaseUrl(IConfiguration configuration)
    {
        var text = configuration[PublicBaseUrl];
        return Uri.TryCreate(text?.TrimEnd('/') + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new InvalidOperationException($"PublicBaseUrl must be the service's absolute http(s) address, not '{text}'.");
    }
}
