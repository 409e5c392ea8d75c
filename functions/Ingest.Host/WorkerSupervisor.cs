using System.Diagnostics;
using System.Globalization;

namespace Ingest.Host;

/// <summary>
/// Keeps one worker running for the host: starts it, hands out the running one (waiting through a restart), and
/// restarts it when it exits; three exits within 30 minutes stop the host with the reason, as in Azure. A worker left
/// by an earlier host of the same app folder (one killed with SIGKILL) is ended before a new one starts: each host
/// notes its worker in a file named after the host's own process, so a worker whose host is gone can be told apart
/// from one whose host still runs (tests run several hosts on one app folder at once).
/// </summary>
public sealed class WorkerSupervisor(string appDirectory, IReadOnlyDictionary<string, string> settings, Action<string> log, TimeProvider timeProvider, TimeSpan startupWindow)
{
    private const string PidFilePrefix = ".ingest-worker.";
    private static readonly string PidFile = $"{PidFilePrefix}{Environment.ProcessId}.pid";
    private TaskCompletionSource<WorkerHost> _current = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The running worker; waits while one starts or restarts.</summary>
    public Task<WorkerHost> CurrentAsync(CancellationToken cancellationToken) => _current.Task.WaitAsync(cancellationToken);

    /// <summary>Runs workers until <paramref name="stopping"/> fires; throws when one cannot be kept up.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        var exits = new List<DateTimeOffset>();
        while (true)
        {
            EndStaleWorker();
            WorkerHost host;
            try
            {
                host = await WorkerHost.StartAsync(appDirectory, settings, log, startupWindow, stopping).ConfigureAwait(false);
            }
            catch (WorkerUnavailableException ex)
            {
                _current.TrySetException(ex);
                throw;
            }

            await File.WriteAllTextAsync(Path.Combine(appDirectory, PidFile), host.ProcessId.ToString(CultureInfo.InvariantCulture), CancellationToken.None).ConfigureAwait(false);
            log($"worker ready (pid {host.ProcessId})");
            _current.TrySetResult(host);
            try
            {
                await host.Exited.WaitAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                await host.DisposeAsync().ConfigureAwait(false);
                File.Delete(Path.Combine(appDirectory, PidFile));
                return;
            }

            _current = new TaskCompletionSource<WorkerHost>(TaskCreationOptions.RunContinuationsAsynchronously);
            await host.DisposeAsync().ConfigureAwait(false);
            var now = timeProvider.GetUtcNow();
            exits.RemoveAll(e => now - e > TimeSpan.FromMinutes(30));
            exits.Add(now);
            log($"worker exited; {(exits.Count >= 3 ? "third exit in 30 minutes, stopping" : "restarting")}");
            if (exits.Count >= 3)
            {
                var failure = new WorkerUnavailableException("the worker exited three times within 30 minutes");
                _current.TrySetException(failure);
                throw failure;
            }
        }
    }

    /// <summary>Ends the workers that hosts no longer running left in this app folder.</summary>
    private void EndStaleWorker()
    {
        foreach (var path in Directory.GetFiles(appDirectory, PidFilePrefix + "*.pid"))
        {
            var hostPid = Path.GetFileName(path)[PidFilePrefix.Length..^".pid".Length];
            if (int.TryParse(hostPid, out var host) && host != Environment.ProcessId && IsRunning(host))
            {
                continue;
            }

            if (int.TryParse(File.ReadAllText(path), out var pid) && IsRunning(pid)
                && File.ReadAllText($"/proc/{pid}/cmdline") is var commandLine
                && commandLine.Contains(appDirectory, StringComparison.Ordinal) && commandLine.Contains("--functions-worker-id", StringComparison.Ordinal))
            {
                log($"ending the worker an earlier host left running (pid {pid})");
                using var stale = Process.GetProcessById(pid);
                stale.Kill(entireProcessTree: true);
                stale.WaitForExit(TimeSpan.FromSeconds(10));
            }

            File.Delete(path);
        }
    }

    private static bool IsRunning(int pid) => Directory.Exists($"/proc/{pid}");
}
