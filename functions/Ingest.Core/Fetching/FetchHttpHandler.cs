using System.Net;
using System.Net.Sockets;

namespace Ingest.Core.Fetching;

/// <summary>
/// The HTTP handler every fetch goes through: decompression, connect timeout, no automatic redirects, and the address
/// policy. No proxy, whatever <c>HTTP_PROXY</c> says: through a proxy the policy would judge the proxy's address, and the
/// proxy would reach whatever address a feed names.
/// </summary>
public static class FetchHttpHandler
{
    public static SocketsHttpHandler Create(FetchOptions options) => new()
    {
        AutomaticDecompression = DecompressionMethods.All,
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        ConnectTimeout = options.ConnectTimeout,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectCallback = (context, cancellationToken) => ConnectAsync(context, options, cancellationToken),
    };

    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, FetchOptions options, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);

        var refusals = addresses.Select(a => (Address: a, Refusal: AddressPolicy.Refusal(a, options))).ToList();
        var allowed = refusals.Where(r => r.Refusal is null).Select(r => r.Address).ToArray();
        if (allowed.Length == 0)
        {
            var first = refusals.FirstOrDefault();
            throw new FetchRefusedException(first.Address is null
                ? $"{host} has no address"
                : $"refused to connect to {host} ({first.Address}): {first.Refusal}");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>A connection the address policy would not make.</summary>
public sealed class FetchRefusedException(string message) : IOException(message);
