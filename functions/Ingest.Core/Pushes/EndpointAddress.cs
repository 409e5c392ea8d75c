using System.Net;
using Ingest.Core.Fetching;

namespace Ingest.Core.Pushes;

/// <summary>
/// Whether an address a subscriber gives may become a push endpoint: absolute, HTTPS (plain HTTP only where the local
/// defaults allow loopback), without a user name or password in it, and not an IP address the feeds' policy refuses.
/// A name is judged again on every post, on the address it then resolves to.
/// </summary>
public static class EndpointAddress
{
    public const int MaxLength = 2000;

    /// <returns>Null and the address when it will do; otherwise why not, in words for the form.</returns>
    public static string? Problem(string? text, FetchOptions fetch, out Uri? url)
    {
        url = null;
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return "Give the endpoint's address.";
        }

        if (text.Length > MaxLength || !Uri.TryCreate(text, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("https" or "http"))
        {
            return "Give a whole https:// address.";
        }

        if (parsed.Scheme == "http" && !fetch.AllowLoopback)
        {
            return "Only https:// addresses: a push carries what you follow.";
        }

        if (parsed.UserInfo.Length > 0)
        {
            return "Leave the user name and password out of the address.";
        }

        if (IPAddress.TryParse(parsed.DnsSafeHost, out var literal) && AddressPolicy.Refusal(literal, fetch) is { } refusal)
        {
            return $"Ingest does not post to {literal}: {refusal}.";
        }

        url = parsed;
        return null;
    }
}
