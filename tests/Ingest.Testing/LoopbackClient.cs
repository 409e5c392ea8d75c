using System.Net;
using System.Net.Sockets;

namespace Ingest.Testing;

/// <summary>
/// HTTP clients whose connections come from a chosen loopback address (127.0.0.0/8 is all this machine's), so a test
/// can play several distinct clients against a server that tells them apart by address.
/// </summary>
public static class LoopbackClient
{
    public static HttpClient From(string address) => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(IPAddress.Parse(address), 0));
                var target = context.DnsEndPoint.Host == "localhost" ? IPAddress.Loopback : IPAddress.Parse(context.DnsEndPoint.Host);
                await socket.ConnectAsync(new IPEndPoint(target, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    });
}
