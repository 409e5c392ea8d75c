using System.Collections.Concurrent;
using System.Globalization;

namespace Ingest.Core.Telemetry;

/// <summary>
/// How many times each kind of span ran since the process started and how long they took in all, read as one line
/// for a person: <c>poll feed 1000× 41.2 ms = 41.2 s; TableClient.GetEntity 20000× …</c>, in the order the spans first
/// ended. What the worker prints where no tracing backend is there to ask where a poll cycle's time goes; spans run at
/// once, so the totals add time across them and can exceed the wall clock.
/// </summary>
public sealed class SpanTotals
{
    private readonly ConcurrentDictionary<string, Total> _totals = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();
    private long _changes;

    /// <summary>How many spans were added so far: a summary is worth printing when this moved.</summary>
    public long Changes => Interlocked.Read(ref _changes);

    public void Add(string name, TimeSpan duration)
    {
        if (_totals.TryAdd(name, new Total()))
        {
            _order.Enqueue(name);
        }

        _totals[name].Add(duration);
        Interlocked.Increment(ref _changes);
    }

    /// <summary>Every kind of span as <c>name count× mean ms = total s</c>, separated by "; "; empty before any span ended.</summary>
    public string Summary() => string.Join("; ", _order.Select(name => _totals[name].Describe(name)));

    /// <summary>The <see cref="Summary"/>: what a log line shows of the totals, formatted only when it is written.</summary>
    public override string ToString() => Summary();

    private sealed class Total
    {
        private long _count;
        private long _ticks;

        public void Add(TimeSpan duration)
        {
            Interlocked.Increment(ref _count);
            Interlocked.Add(ref _ticks, duration.Ticks);
        }

        public string Describe(string name)
        {
            var count = Interlocked.Read(ref _count);
            var total = TimeSpan.FromTicks(Interlocked.Read(ref _ticks));
            return string.Create(CultureInfo.InvariantCulture, $"{name} {count}× {total.TotalMilliseconds / Math.Max(count, 1):0.00} ms = {total.TotalSeconds:0.0} s");
        }
    }
}
