using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Ingest.Testing;

/// <summary>A server the tests run as a child process (Azurite, the handler), its output kept for failure messages.</summary>
public sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly List<(Regex Pattern, TaskCompletionSource<Match> Seen)> _waits = [];

    private ChildProcess(Process process) => _process = process;

    /// <summary>
    /// Runs an npm tool's entry script with the machine's node, under a watchdog that kills it within a second of this
    /// test process ending: a shared server (one Azurite per test assembly) is otherwise stopped only by this
    /// process's exit handler, which does not run when the test host is killed. SIGKILL, since Azurite can take
    /// longer than the leak check waits to stop on SIGTERM, and its data is in memory anyway.
    /// </summary>
    public static ChildProcess StartNode(string script, IEnumerable<string> arguments, string workingDirectory) =>
        Start("bash", ["-c", Watchdog, "watchdog", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), "node", script, .. arguments], workingDirectory);

    /// <summary>
    /// The watcher runs in a session of its own, outside the process tree <see cref="Dispose"/> kills, and watches this
    /// shell's pid, which <c>exec</c> hands to node: no wrapper is left between the test and node to outlive either.
    /// </summary>
    private const string Watchdog = """
        owner=$1; shift
        ( setsid bash -c 'while kill -0 "$0" 2>/dev/null && kill -0 "$1" 2>/dev/null; do sleep 1; done; kill -KILL "$1" 2>/dev/null' "$owner" "$$" & )
        exec "$@"
        """;

    public static ChildProcess Start(string fileName, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var child = new ChildProcess(new Process { StartInfo = info, EnableRaisingEvents = true });
        child._process.OutputDataReceived += (_, e) => child.OnLine(e.Data);
        child._process.ErrorDataReceived += (_, e) => child.OnLine(e.Data);
        child._process.Exited += (_, _) => child.FailWaits();
        child._process.Start();
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => child.Dispose();
        return child;
    }

    private string Name => string.Join(' ', _process.StartInfo.ArgumentList.Prepend(_process.StartInfo.FileName).Take(2));

    public bool HasExited => _process.HasExited;

    public int Id => _process.Id;

    /// <summary>The exit code once the process has ended (and its output has been read to the end).</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Waits for a line of output matching <paramref name="pattern"/>; fails with the output so far if it never comes.</summary>
    public async Task<Match> WaitForLineAsync(Regex pattern, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource<Match>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_output)
        {
            foreach (var line in _output.ToString().Split('\n'))
            {
                var match = pattern.Match(line);
                if (match.Success)
                {
                    return match;
                }
            }

            _waits.Add((pattern, seen));
        }

        if (_process.HasExited)
        {
            FailWaits();
        }

        try
        {
            return await seen.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{Name} did not print /{pattern}/ within {timeout.TotalSeconds} s. Output:\n{Output}");
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
            foreach (var wait in _waits.ToList())
            {
                var match = wait.Pattern.Match(line);
                if (match.Success)
                {
                    _waits.Remove(wait);
                    wait.Seen.TrySetResult(match);
                }
            }
        }
    }

    private void FailWaits()
    {
        lock (_output)
        {
            foreach (var wait in _waits)
            {
                wait.Seen.TrySetException(new InvalidOperationException($"{Name} exited. Output:\n{_output}"));
            }

            _waits.Clear();
        }
    }
}
