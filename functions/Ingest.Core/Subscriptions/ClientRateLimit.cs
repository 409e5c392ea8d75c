using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;

namespace Ingest.Core.Subscriptions;

/// <summary>
/// At most <paramref name="limit"/> requests per client (its <see cref="ClientKey"/>) per <paramref name="window"/>, in
/// this process: a fixed window per client from .NET's rate limiters, without a queue (a request over the limit is
/// refused at once). It stops a script hammering one instance; the per-address hourly confirmation limit holds across
/// instances. The partitioned limiter replenishes every window on one timer of its own (the library's clock, not a
/// <see cref="TimeProvider"/>) and drops the windows of clients gone quiet, so memory stays bounded by active clients.
/// </summary>
public sealed class ClientRateLimit(int limit, TimeSpan window) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit,
            Window = window,
            QueueLimit = 0,
            // The partitioned limiter's own timer replenishes its windows: no timer per client.
            AutoReplenishment = false,
        }));

    /// <summary>
    /// The key of a client address: an IPv4 address itself, an IPv6 address its /64 network. One IPv6 host is usually
    /// given a whole /64, so keyed per address it could take a fresh key for every request.
    /// </summary>
    public static string ClientKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>Whether <paramref name="key"/> may make one more request now.</summary>
    public bool TryAcquire(string key)
    {
        using var lease = _limiter.AttemptAcquire(key);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
