using System.Net;
using System.Net.Sockets;

namespace Ingest.Testing;

/// <summary>
/// A loopback TCP relay to another port that a test can cut: while broken, open connections are reset and new
/// ones are closed as soon as they are accepted, as when a server goes away; restored, it relays again. It puts a
/// real outage between the service and its storage without stopping the storage (and losing its data).
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<TcpClient> _open = [];
    private readonly Task _accepting;
    private volatile bool _broken;

    private TcpRelay(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public static TcpRelay Start(int targetPort) => new(targetPort);

    /// <summary>Resets every relayed connection and refuses new ones until <see cref="Restore"/>.</summary>
    public void Break()
    {
        _broken = true;
        lock (_open)
        {
            foreach (var client in _open)
            {
                client.Client.LingerState = new LingerOption(true, 0);
                client.Dispose();
            }

            _open.Clear();
        }
    }

    public void Restore() => _broken = false;

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        Break();
        await _accepting.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient incoming;
            try
            {
                incoming = await _listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            if (_broken)
            {
                incoming.Client.LingerState = new LingerOption(true, 0);
                incoming.Dispose();
                continue;
            }

            _ = RelayAsync(incoming);
        }
    }

    private async Task RelayAsync(TcpClient incoming)
    {
        var outgoing = new TcpClient();
        lock (_open)
        {
            _open.Add(incoming);
            _open.Add(outgoing);
        }

        try
        {
            await outgoing.ConnectAsync(IPAddress.Loopback, _targetPort, _stopping.Token);
            await Task.WhenAny(
                incoming.GetStream().CopyToAsync(outgoing.GetStream(), _stopping.Token),
                outgoing.GetStream().CopyToAsync(incoming.GetStream(), _stopping.Token));
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // A broken relay or a peer that went: the connection simply ends.
        }
        finally
        {
            lock (_open)
            {
                _open.Remove(incoming);
                _open.Remove(outgoing);
            }

            incoming.Dispose();
            outgoing.Dispose();
        }
    }
}
