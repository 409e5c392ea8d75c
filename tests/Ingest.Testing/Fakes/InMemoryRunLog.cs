using Ingest.Core.Monitoring;

namespace Ingest.Testing.Fakes;

/// <summary><see cref="IRunLog"/> in memory: a run's record keeps the last failure, as the merged table row does.</summary>
public sealed class InMemoryRunLog : IRunLog
{
    private readonly Dictionary<string, TimerRun> _runs = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public Task RecordAsync(string functionName, DateTimeOffset at, string summary, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _runs[functionName] = (_runs.GetValueOrDefault(functionName) ?? new TimerRun(default, "")) with { At = at, Summary = summary };
        }

        return Task.CompletedTask;
    }

    public Task NoteFailureAsync(string functionName, DateTimeOffset at, string reason, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var run = _runs.GetValueOrDefault(functionName) ?? new TimerRun(default, "");
            _runs[functionName] = run with { LastFailedAt = at, LastFailure = reason, FailedRuns = run.FailedRuns + 1 };
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyDictionary<string, TimerRun>> ListAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyDictionary<string, TimerRun>>(new Dictionary<string, TimerRun>(_runs, StringComparer.Ordinal));
        }
    }
}
