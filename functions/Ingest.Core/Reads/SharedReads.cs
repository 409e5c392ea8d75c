namespace Ingest.Core.Reads;

/// <summary>
/// Reads that concurrent requests share. A request for a key joins the read in flight, or reuses its result while it
/// is younger than <see cref="ReadLimits.SnapshotAge"/>, so five hundred clients of the status page cost one read of
/// storage, not five hundred. A read runs for its waiters: when the last of them has gone (their clients hung up) it
/// is cancelled. A failed read is not kept: the next request tries again.
/// </summary>
public sealed class SharedReads(ReadLimits limits, TimeProvider time)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Flight> _flights = new(StringComparer.Ordinal);

    /// <summary>When the oldest read still running began; null when none is. Health reports a read stuck for long.</summary>
    public DateTimeOffset? OldestRunningSince
    {
        get
        {
            lock (_gate)
            {
                return _flights.Values.Where(f => !f.Task.IsCompleted).Select(f => (DateTimeOffset?)f.StartedAt).Min();
            }
        }
    }

    public async Task<T> GetAsync<T>(string key, Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        Flight flight;
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (!_flights.TryGetValue(key, out flight!) || !flight.CanServe(now, limits.SnapshotAge))
            {
                flight = Flight.Start(async token => (object?)await read(token).ConfigureAwait(false), now);
                _flights[key] = flight;
            }

            flight.Waiters++;
        }

        try
        {
            return (T)(await flight.Task.WaitAsync(cancellationToken).ConfigureAwait(false))!;
        }
        finally
        {
            lock (_gate)
            {
                if (--flight.Waiters == 0 && !flight.Task.IsCompleted)
                {
                    // Nobody is left to answer: stop reading, and let the next request start afresh.
                    flight.Cancel();
                    if (_flights.TryGetValue(key, out var current) && current == flight)
                    {
                        _flights.Remove(key);
                    }
                }
            }
        }
    }

    // Its token source has no timer and no wait handle, so it holds nothing to release; disposing it could race a
    // late Cancel from the last waiter leaving.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "A CancellationTokenSource without timers or wait handles holds no resource.")]
    private sealed class Flight
    {
        private readonly CancellationTokenSource _cancel = new();

        private Flight(DateTimeOffset startedAt, Func<CancellationToken, Task<object?>> read)
        {
            StartedAt = startedAt;
            // Started off the caller's lock and context: the read may run synchronously for a while before its first await.
            Task = System.Threading.Tasks.Task.Run(() => read(_cancel.Token));
        }

        public DateTimeOffset StartedAt { get; }

        public Task<object?> Task { get; }

        public int Waiters { get; set; }

        public static Flight Start(Func<CancellationToken, Task<object?>> read, DateTimeOffset now) => new(now, read);

        /// <summary>In flight, or done well within the snapshot's age (counted from its start, so never older than that).</summary>
        public bool CanServe(DateTimeOffset now, TimeSpan maxAge) =>
            !Task.IsCompleted || (Task.IsCompletedSuccessfully && now - StartedAt < maxAge);

        public void Cancel() => _cancel.Cancel();
    }
}
