using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Ingest.Testing;

/// <summary>
/// A loopback SMTP server that answers <c>550</c> to the recipients it is told to refuse and takes every other mail,
/// standing in for a recipient's mail server elsewhere, which is the one that says "no such user". It speaks just
/// enough SMTP for a client: EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT.
/// </summary>
public sealed class RefusingSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly HashSet<string> _refused;
    private readonly Task _accepting;

    public RefusingSmtpServer(params string[] refused)
    {
        _refused = new HashSet<string>(refused, StringComparer.OrdinalIgnoreCase);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Every RCPT address asked for, in order, with the code it got.</summary>
    public ConcurrentQueue<(string Recipient, int Code)> Recipients { get; } = new();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.UTF8);
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 refusing.test ESMTP");
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteLineAsync("250-refusing.test");
                        await writer.WriteLineAsync("250 8BITMIME");
                        break;
                    case "RCPT":
                        var address = line[(line.IndexOf('<') + 1)..line.LastIndexOf('>')];
                        var code = _refused.Contains(address) ? 550 : 250;
                        Recipients.Enqueue((address, code));
                        await writer.WriteLineAsync(code == 550 ? "550 5.1.1 No such user here" : "250 2.1.5 OK");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        while (await reader.ReadLineAsync(_stop.Token) is { } data && data != ".")
                        {
                        }

                        await writer.WriteLineAsync("250 2.0.0 Queued");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 2.0.0 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("250 OK");
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away, or the server stops.
        }
    }
}
