using System.Net;
using System.Net.Sockets;

namespace Ingest.Testing;

public static class LoopbackPort
{
    /// <summary>A loopback port nothing listens on right now (for servers to start on, or for "service is down" tests).</summary>
    public static int GetUnused()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
