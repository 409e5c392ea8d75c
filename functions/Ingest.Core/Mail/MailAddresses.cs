using System.Text.RegularExpressions;

namespace Ingest.Core.Mail;

/// <summary>Mail addresses kept out of what is stored and shown about deliveries: a server's refusal often repeats the recipient.</summary>
public static partial class MailAddresses
{
    public static string Redact(string text) => Address().Replace(text, "(address)");

    [GeneratedRegex(@"[^\s<>()\[\]""',;:]+@[^\s<>()\[\]""',;:]+", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Address();
}
