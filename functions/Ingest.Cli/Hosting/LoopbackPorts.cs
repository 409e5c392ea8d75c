using System.Net;
using System.Net.Sockets;

namespace Ingest.Cli.Hosting;

internal static class LoopbackPorts
{
    /// <summary>A port the OS has just handed out on 127.0.0.1, as the Functions host picks the handler's.</summary>
    public static int GetUnused()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
