using System.Diagnostics;

namespace Ingest.Cli.Hosting;

/// <summary>
/// The custom handler as the Functions host runs it (custom-handler.md §1): started with the port and worker id
/// in its environment, ready once <c>GET /</c> answers anything, its output logged, and restarted when it exits.
/// Three exits within 30 minutes stop the host, as they do in Azure.
/// </summary>
public sealed class HandlerProcess(FunctionApp app, IReadOnlyDictionary<string, string> settings, HostLog log, TimeProvider timeProvider) : IAsyncDisposable
{
    /// <summary>How long a starting handler may take to answer; a busy 2-core machine needs seconds, not milliseconds.</summary>
    public static readonly TimeSpan InitializationTimeout = TimeSpan.FromSeconds(60);
    private readonly List<DateTimeOffset> _exits = [];
    private TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Process? _process;

    public int Port { get; private set; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    /// <summary>The running handler's process id (tests kill it).</summary>
    public int? ProcessId => _process is { HasExited: false } p ? p.Id : null;

    /// <summary>Completes when the handler answers; waits out a restart.</summary>
    public Task WaitReadyAsync(CancellationToken cancellationToken) => _ready.Task.WaitAsync(cancellationToken);

    /// <summary>Starts the handler, and keeps it running until <paramref name="stopping"/> fires. Throws when it cannot be kept up.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        // One probe may wait long: a handler still starting can take seconds to answer its first request.
        using var probe = new HttpClient { Timeout = InitializationTimeout };
        while (!stopping.IsCancellationRequested)
        {
            Start();
            await WaitForRootAsync(probe, stopping);
            _ready.TrySetResult();
            log.Write($"handler ready on port {Port} (pid {_process!.Id})");

            try
            {
                await _process.WaitForExitAsync(stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            _ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var now = timeProvider.GetUtcNow();
            _exits.RemoveAll(e => now - e > TimeSpan.FromMinutes(30));
            _exits.Add(now);
            log.Write($"handler exited with code {_process.ExitCode}; {(_exits.Count >= 3 ? "third exit in 30 minutes, stopping" : "restarting")}");
            if (_exits.Count >= 3)
            {
                throw new CliException("the handler exited three times within 30 minutes");
            }
        }
    }

    private void Start()
    {
        Port = LoopbackPorts.GetUnused();
        var workerId = Guid.NewGuid().ToString();
        var start = new ProcessStartInfo(app.Handler.ExecutablePath)
        {
            WorkingDirectory = app.Handler.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }

        start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = start.Environment["FUNCTIONS_HTTPWORKER_PORT"] = Port.ToString();
        start.Environment["FUNCTIONS_CUSTOMHANDLER_WORKER_ID"] = start.Environment["FUNCTIONS_HTTPWORKER_ID"] = workerId;
        start.Environment["FUNCTIONS_APP_ROOT_PATH"] = app.Root;
        foreach (var argument in app.Handler.Arguments)
        {
            // Like the host: %PORT%-style tokens replaced, unknown ones dropped, items split at spaces.
            var expanded = Environment.ExpandEnvironmentVariables(argument)
                .Replace("%FUNCTIONS_CUSTOMHANDLER_PORT%", Port.ToString(), StringComparison.Ordinal)
                .Replace("%FUNCTIONS_HTTPWORKER_PORT%", Port.ToString(), StringComparison.Ordinal)
                .Replace("%FUNCTIONS_CUSTOMHANDLER_WORKER_ID%", workerId, StringComparison.Ordinal)
                .Replace("%FUNCTIONS_APP_ROOT_PATH%", app.Root, StringComparison.Ordinal);
            expanded = System.Text.RegularExpressions.Regex.Replace(expanded, "%[A-Za-z0-9_]+%", "");
            foreach (var part in expanded.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                start.ArgumentList.Add(part);
            }
        }

        try
        {
            _process = Process.Start(start) ?? throw new CliException($"could not start {app.Handler.ExecutablePath}");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new CliException($"could not start the handler {app.Handler.ExecutablePath}: {ex.Message}");
        }

        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) log.Write("handler: " + e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) log.Write("handler (stderr): " + e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    private async Task WaitForRootAsync(HttpClient probe, CancellationToken stopping)
    {
        var deadline = timeProvider.GetUtcNow() + InitializationTimeout;
        while (true)
        {
            if (_process!.HasExited)
            {
                throw new CliException($"the handler exited with code {_process.ExitCode} before it answered GET /");
            }

            try
            {
                using var _ = await probe.GetAsync(BaseAddress, stopping);
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !stopping.IsCancellationRequested && timeProvider.GetUtcNow() < deadline)
            {
                await Task.Delay(25, stopping);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !stopping.IsCancellationRequested)
            {
                throw new CliException($"Initializing HttpWorker timed out: the handler did not answer GET / within {InitializationTimeout.TotalSeconds:0} seconds");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
    }
}
