using System.Collections.Concurrent;

namespace Ingest.Core.Reads;

/// <summary>
/// At most <see cref="ReadLimits.MaxConcurrent"/> requests at once per read endpoint (a lane) in this worker, so a
/// storm on one page cannot crowd out the others; one more is shed at once with a 503 (the Functions app's
/// <c>ReadGateMiddleware</c>). When a request was last shed is what health reads as "cannot answer".
/// </summary>
public sealed class ReadGate(ReadLimits limits, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, StrongBox<int>> _lanes = new(StringComparer.Ordinal);
    private long _lastShedTicks;

    public int InFlight => _lanes.Values.Sum(lane => Volatile.Read(ref lane.Value));

    public DateTimeOffset? LastShedAt => Interlocked.Read(ref _lastShedTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    public bool TryEnter(string lane)
    {
        var count = _lanes.GetOrAdd(lane, _ => new StrongBox<int>());
        if (Interlocked.Increment(ref count.Value) <= limits.MaxConcurrent)
        {
            return true;
        }

        Interlocked.Decrement(ref count.Value);
        Interlocked.Exchange(ref _lastShedTicks, time.GetUtcNow().UtcTicks);
        return false;
    }

    public void Leave(string lane) => Interlocked.Decrement(ref _lanes[lane].Value);

    private sealed class StrongBox<T>
    {
        public T Value = default!;
    }
}
