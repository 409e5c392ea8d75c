using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Ingest.Host.Rpc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ingest.Host;

/// <summary>
/// Runs a .NET isolated worker the way the Functions host does: serves the gRPC event stream on a loopback port
/// (HTTP/2 only), starts the worker as its <c>worker.config.json</c> says, initialises it, asks for its functions
/// (worker indexing) and loads each, then sends invocations. Disposing terminates the worker and kills whatever is
/// left of its process tree.
/// </summary>
public sealed class WorkerHost : IAsyncDisposable
{
    /// <summary>The environment variable that tells a worker which process is its host.</summary>
    public const string HostProcessVariable = "INGEST_HOST_PID";

    public const string HostVersion = "4.1040.0";

    private readonly WebApplication _server;
    private readonly Socket _listener;
    private readonly WorkerSession _session;
    private readonly Process _process;
    private readonly Action<string> _log;
    private bool _disposed;

    private WorkerHost(WebApplication server, Socket listener, WorkerSession session, Process process, Action<string> log)
    {
        _server = server;
        _listener = listener;
        _session = session;
        _process = process;
        _log = log;
    }

    public IReadOnlyList<WorkerFunction> Functions { get; private set; } = [];

    /// <summary>Where the worker serves HTTP functions (ASP.NET Core integration), when it does.</summary>
    public Uri? HttpUri { get; private set; }

    public int ProcessId => _process.Id;

    /// <summary>The loopback port the worker's event stream connects to; closed when the host is disposed.</summary>
    public int EventStreamPort => ((IPEndPoint)_listener.LocalEndPoint!).Port;

    /// <summary>Completes when the worker process has exited.</summary>
    public Task Exited => _process.WaitForExitAsync();

    /// <param name="settings">The app settings, given to the worker as its environment.</param>
    /// <param name="startupWindow">How long the worker may take to connect and load its functions.</param>
    public static async Task<WorkerHost> StartAsync(string appDirectory, IReadOnlyDictionary<string, string> settings, Action<string> log, TimeSpan startupWindow, CancellationToken cancellationToken)
    {
        appDirectory = Path.GetFullPath(appDirectory);
        var (executable, workerPath) = ReadWorkerConfig(appDirectory);
        var session = new WorkerSession();
        session.Log += line => log($"{line.Category}: {line.Message}");

        // The worker is launched before the gRPC server has started (Kestrel's start-up is half a second of the
        // host's): the socket listens already, so the worker's connection waits in its backlog until Kestrel accepts.
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var process = StartWorker(executable, Path.Combine(appDirectory, workerPath), appDirectory, ((IPEndPoint)listener.LocalEndPoint!).Port, settings, log);
        WebApplication server;
        try
        {
            server = await StartServerAsync(session, listener, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            listener.Dispose();
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            process.Dispose();
            throw;
        }

        var host = new WorkerHost(server, listener, session, process, log);
        try
        {
            using var window = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            window.CancelAfter(startupWindow);
            await host.InitializeAsync(appDirectory, window.Token).ConfigureAwait(false);
            return host;
        }
        catch (Exception ex)
        {
            await host.DisposeAsync().ConfigureAwait(false);
            if (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                throw new WorkerUnavailableException($"the worker did not start within {startupWindow.TotalSeconds:0} s");
            }

            throw;
        }
    }

    /// <summary>Sends one invocation and waits for its answer (the worker's log lines arrive through the host's log).</summary>
    public async Task<InvocationResponse> InvokeAsync(WorkerFunction function, IEnumerable<ParameterBinding> inputs, IReadOnlyDictionary<string, TypedData> triggerMetadata, string invocationId, CancellationToken cancellationToken)
    {
        var request = new InvocationRequest
        {
            InvocationId = invocationId,
            FunctionId = function.FunctionId,
            TraceContext = new RpcTraceContext(), // the worker fails an invocation without one
        };
        request.InputData.AddRange(inputs);
        foreach (var (key, value) in triggerMetadata)
        {
            request.TriggerMetadata[key] = value;
        }
        var answer = await _session.RequestAsync(new StreamingMessage { RequestId = NewId(), InvocationRequest = request }, "invocation:" + invocationId, cancellationToken).ConfigureAwait(false);
        return answer.InvocationResponse;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            try
            {
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _session.SendAsync(new StreamingMessage { WorkerTerminate = new WorkerTerminate { GracePeriod = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromSeconds(5)) } }, grace.Token).ConfigureAwait(false);
                await _process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or WorkerUnavailableException or InvalidOperationException or IOException)
            {
                // It did not go by itself; it goes below.
            }

            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().ConfigureAwait(false);
            }
        }

        _process.Dispose();
        await _server.StopAsync().ConfigureAwait(false);
        await _server.DisposeAsync().ConfigureAwait(false);
        _listener.Dispose();
    }

    private async Task InitializeAsync(string appDirectory, CancellationToken cancellationToken)
    {
        // A worker that cannot start (a bad setting, say) exits before it connects: say so at once, not after the window.
        var exited = _process.WaitForExitAsync(cancellationToken);
        if (await Task.WhenAny(_session.Started, exited).ConfigureAwait(false) == exited)
        {
            await exited.ConfigureAwait(false);
            throw new WorkerUnavailableException($"the worker exited with code {_process.ExitCode} before it connected");
        }

        var workerId = await _session.Started.ConfigureAwait(false);
        _log($"worker {workerId} connected (pid {_process.Id})");

        var init = new WorkerInitRequest { HostVersion = HostVersion, WorkerDirectory = appDirectory, FunctionAppDirectory = appDirectory };
        var initialized = (await _session.RequestAsync(new StreamingMessage { RequestId = NewId(), WorkerInitRequest = init }, "init", cancellationToken).ConfigureAwait(false)).WorkerInitResponse;
        Ensure(initialized.Result, "the worker failed to initialise");
        HttpUri = initialized.Capabilities.TryGetValue("HttpUri", out var http) && Uri.TryCreate(http, UriKind.Absolute, out var uri) ? uri : null;

        var metadata = (await _session.RequestAsync(
            new StreamingMessage { RequestId = NewId(), FunctionsMetadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = appDirectory } },
            "metadata",
            cancellationToken).ConfigureAwait(false)).FunctionMetadataResponse;
        Ensure(metadata.Result, "the worker could not list its functions");

        var functions = new List<WorkerFunction>();
        foreach (var function in metadata.FunctionMetadataResults)
        {
            // The worker does not take a collection of load requests: one per function, echoing what it sent.
            var load = new FunctionLoadRequest { FunctionId = function.FunctionId, Metadata = function };
            var loaded = (await _session.RequestAsync(new StreamingMessage { RequestId = NewId(), FunctionLoadRequest = load }, "load:" + function.FunctionId, cancellationToken).ConfigureAwait(false)).FunctionLoadResponse;
            Ensure(loaded.Result, $"the worker could not load {function.Name}");
            functions.Add(new WorkerFunction(function.Name, function.FunctionId, [.. function.RawBindings.Select(b => JsonNode.Parse(b) as JsonObject).OfType<JsonObject>()]));
        }

        Functions = functions;
        if (HttpUri is not null)
        {
            await WaitForHttpAsync(HttpUri, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The worker announces its HTTP address before its Kestrel listens: ready means it accepts connections.</summary>
    private static async Task WaitForHttpAsync(Uri uri, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync(uri.Host, uri.Port, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(25, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static void Ensure(StatusResult result, string what)
    {
        if (result.Status != StatusResult.Types.Status.Success)
        {
            throw new WorkerUnavailableException($"{what}: {result.Exception?.Message ?? result.Result}");
        }
    }

    /// <summary>Serves the event stream on <paramref name="listener"/>: Kestrel accepts on its socket, which stays the caller's to close.</summary>
    private static async Task<WebApplication> StartServerAsync(WorkerSession session, Socket listener, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        // HTTP/2 only: offered HTTP/1.1 too over clear text, the worker fails with HTTP_1_1_REQUIRED.
        var handle = (ulong)listener.SafeHandle.DangerousGetHandle();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenHandle(handle, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(grpc => grpc.MaxReceiveMessageSize = grpc.MaxSendMessageSize = int.MaxValue);
        builder.Services.AddSingleton(new WorkerSessions { Current = session });
        var app = builder.Build();
        app.MapGrpcService<FunctionRpcService>();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return app;
    }

    private static (string Executable, string WorkerPath) ReadWorkerConfig(string appDirectory)
    {
        var path = Path.Combine(appDirectory, "worker.config.json");
        if (!File.Exists(path))
        {
            throw new WorkerUnavailableException($"{appDirectory} is not an isolated worker's build output: it has no worker.config.json");
        }

        // A self-contained publish names its own executable under {WorkerRoot}; a build runs on the machine's dotnet.
        var description = JsonNode.Parse(File.ReadAllText(path))?["description"];
        var executable = (description?["defaultExecutablePath"]?.GetValue<string>() ?? "dotnet").Replace("{WorkerRoot}", appDirectory.TrimEnd('/') + "/", StringComparison.Ordinal);
        return (executable, description?["defaultWorkerPath"]?.GetValue<string>() ?? throw new WorkerUnavailableException($"{path} names no defaultWorkerPath"));
    }

    private static Process StartWorker(string executable, string workerPath, string appDirectory, int port, IReadOnlyDictionary<string, string> settings, Action<string> log)
    {
        var id = Guid.NewGuid().ToString();
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = appDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { workerPath, "--functions-uri", $"http://127.0.0.1:{port}/", "--functions-worker-id", id, "--functions-request-id", Guid.NewGuid().ToString(), "--functions-grpc-max-message-length", "2147483647" })
        {
            start.ArgumentList.Add(argument);
        }

        // The host's own URLs must not reach the worker: with the ASP.NET Core integration it opens a Kestrel of its own.
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("ASPNETCORE_HTTP_PORTS");
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }

        start.Environment["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        start.Environment["FUNCTIONS_APPLICATION_DIRECTORY"] = appDirectory;
        start.Environment["FUNCTIONS_WORKER_DIRECTORY"] = appDirectory;
        // The worker watches this process and ends itself when it is gone (a host killed with -9 cannot end it).
        start.Environment[HostProcessVariable] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var process = Process.Start(start) ?? throw new WorkerUnavailableException($"could not start {executable} {workerPath}");
        log($"worker started (pid {process.Id})");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) log("worker: " + e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) log("worker (stderr): " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static string NewId() => Guid.NewGuid().ToString();
}
