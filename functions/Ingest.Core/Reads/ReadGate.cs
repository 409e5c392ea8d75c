namespace Ingest.Core.Reads;

/// <summary>
/// At most <see cref="ReadLimits.MaxConcurrent"/> read requests at once in this worker; one more is shed at once with
/// a 503 (the Functions app's <c>ReadGateMiddleware</c>). When the last request was shed is what health reads as "cannot answer".
/// </summary>
public sealed class ReadGate(ReadLimits limits, TimeProvider time)
{
    private int _inFlight;
    private long _lastShedTicks;

    public int InFlight => Volatile.Read(ref _inFlight);

    public DateTimeOffset? LastShedAt => Interlocked.Read(ref _lastShedTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    public bool TryEnter()
    {
        if (Interlocked.Increment(ref _inFlight) <= limits.MaxConcurrent)
        {
            return true;
        }

        Interlocked.Decrement(ref _inFlight);
        Interlocked.Exchange(ref _lastShedTicks, time.GetUtcNow().UtcTicks);
        return false;
    }

    public void Leave() => Interlocked.Decrement(ref _inFlight);
}
