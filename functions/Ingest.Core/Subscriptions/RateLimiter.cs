using System.Collections.Concurrent;

namespace Ingest.Core.Subscriptions;

/// <summary>
/// At most <paramref name="limit"/> requests per key (a client address) per window, in this process. It stops a
/// script hammering one instance; the per-address hourly confirmation limit holds across instances.
/// </summary>
public sealed class RateLimiter(int limit, TimeSpan window, TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset Start, int Count)> _windows = new(StringComparer.Ordinal);

    /// <summary>
    /// The key of a client address: an IPv4 address itself, an IPv6 address its /64 network. One IPv6 host is usually
    /// given a whole /64, so keyed per address it could take a fresh key for every request.
    /// </summary>
    public static string ClientKey(System.Net.IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new System.Net.IPAddress(bytes) + "/64";
    }

    public bool TryAcquire(string key)
    {
        var now = timeProvider.GetUtcNow();
        if (_windows.Count > 100_000)
        {
            foreach (var stale in _windows.Where(w => now - w.Value.Start >= window).Select(w => w.Key).ToList())
            {
                _windows.TryRemove(stale, out _);
            }
        }

        var entry = _windows.AddOrUpdate(key, _ => (now, 1), (_, w) => now - w.Start >= window ? (now, 1) : (w.Start, w.Count + 1));
        return entry.Count <= limit;
    }
}
