using System.Net;
using System.Net.Sockets;

namespace Ingest.Core.Fetching;

/// <summary>
/// Which addresses a fetch may connect to. Checked on the resolved address at connect time, so a public
/// name that resolves to a private address (DNS rebinding, a hostile feed link) is refused too.
/// </summary>
public static class AddressPolicy
{
    /// <summary>Null when the address may be used; otherwise why not.</summary>
    public static string? Refusal(IPAddress address, FetchOptions options)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address))
        {
            return options.AllowLoopback ? null : "a loopback address (set Fetch__AllowLoopback to allow it)";
        }

        if (IsPrivate(address))
        {
            return options.AllowPrivateNetworks ? null : "a private or link-local address (set Fetch__AllowPrivateNetworks to allow it)";
        }

        return null;
    }

    private static bool IsPrivate(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var first = address.GetAddressBytes()[0];
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || (first & 0xFE) == 0xFC || address.Equals(IPAddress.IPv6Any);
        }

        var b = address.GetAddressBytes();
        return b[0] switch
        {
            0 or 10 => true,
            100 => b[1] is >= 64 and <= 127,
            169 => b[1] == 254,
            172 => b[1] is >= 16 and <= 31,
            192 => b[1] == 168 || (b[1] == 0 && b[2] is 0 or 2),
            198 => b[1] is 18 or 19,
            >= 224 => true,
            _ => false,
        };
    }
}
