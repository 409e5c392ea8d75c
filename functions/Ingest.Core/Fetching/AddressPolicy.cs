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
        address = EmbeddedIPv4(address) ?? address;
        if (address.AddressFamily == AddressFamily.InterNetworkV6 && address.GetAddressBytes()[0] == 0xFF)
        {
            return "a multicast address";
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

    /// <summary>
    /// The IPv4 address inside an IPv6 one that reaches it: IPv4-mapped and IPv4-compatible (<c>::a.b.c.d</c>),
    /// NAT64 (<c>64:ff9b::/96</c> and the local-use <c>64:ff9b:1::/48</c>), 6to4 (<c>2002::/16</c>) and Teredo
    /// (<c>2001::/32</c>, whose client address is stored inverted). A policy that judged only the IPv6 form would let
    /// those reach internal IPv4 hosts.
    /// </summary>
    private static IPAddress? EmbeddedIPv4(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        var b = address.GetAddressBytes();
        if (b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0 && !(b[12] == 0 && b[13] == 0 && b[14] == 0 && b[15] <= 1))
        {
            return new IPAddress(b.AsSpan(12, 4)); // ::a.b.c.d (but not :: or ::1)
        }

        if ((b[0], b[1], b[2], b[3]) == (0x00, 0x64, 0xFF, 0x9B) && (b.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0 || (b[4], b[5]) == (0x00, 0x01)))
        {
            return new IPAddress(b.AsSpan(12, 4));
        }

        if ((b[0], b[1]) == (0x20, 0x02))
        {
            return new IPAddress(b.AsSpan(2, 4));
        }

        if ((b[0], b[1], b[2], b[3]) == (0x20, 0x01, 0x00, 0x00))
        {
            return new IPAddress([(byte)~b[12], (byte)~b[13], (byte)~b[14], (byte)~b[15]]);
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
