using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Ingest.Testing;

public static class LoopbackPort
{
    private static readonly int EphemeralStart = ReadEphemeralStart();

    /// <summary>
    /// A loopback port nothing listens on right now (for servers to start on, or for "service is down" tests), taken
    /// below the kernel's ephemeral range: a port picked here and bound a moment later cannot meanwhile be handed to a
    /// server that asked for port 0 (the host's gRPC listener does), which a port from the ephemeral range could.
    /// </summary>
    public static int GetUnused()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(10_000, EphemeralStart);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try another.
            }
        }

        throw new InvalidOperationException($"no free loopback port between 10000 and {EphemeralStart}");
    }

    /// <summary>Where Linux starts handing out ports to port-0 binds (32768 unless configured otherwise).</summary>
    private static int ReadEphemeralStart()
    {
        const string range = "/proc/sys/net/ipv4/ip_local_port_range";
        return File.Exists(range) && int.TryParse(File.ReadAllText(range).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0], NumberStyles.None, CultureInfo.InvariantCulture, out var start) && start > 11_000
            ? start
            : 32768;
    }
}
