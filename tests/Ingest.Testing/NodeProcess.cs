using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Ingest.Testing;

/// <summary>A node tool run as a child process for the length of the test run, its output kept for failure messages.</summary>
public sealed class NodeProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly List<(Regex Pattern, TaskCompletionSource<Match> Seen)> _waits = [];

    private NodeProcess(Process process) => _process = process;

    public static NodeProcess Start(string script, IEnumerable<string> arguments, string workingDirectory)
    {
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var node = new NodeProcess(new Process { StartInfo = info, EnableRaisingEvents = true });
        node._process.OutputDataReceived += (_, e) => node.OnLine(e.Data);
        node._process.ErrorDataReceived += (_, e) => node.OnLine(e.Data);
        node._process.Exited += (_, _) => node.FailWaits();
        node._process.Start();
        node._process.BeginOutputReadLine();
        node._process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => node.Dispose();
        return node;
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
            throw new TimeoutException($"{_process.StartInfo.ArgumentList[0]} did not print /{pattern}/ within {timeout.TotalSeconds} s. Output:\n{Output}");
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
                wait.Seen.TrySetException(new InvalidOperationException($"{_process.StartInfo.ArgumentList[0]} exited. Output:\n{_output}"));
            }

            _waits.Clear();
        }
    }
}
