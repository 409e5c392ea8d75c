using System.Collections.Concurrent;
using System.Text;

namespace Ingest.Core.Telemetry;

/// <summary>
/// The running totals of Ingest's counters since the process started, by instrument and tag values, read as one line
/// for a person: <c>ingest.polls{ok}=12 ingest.hits{kfor}=3 …</c>, in the order the counters first counted. What
/// <c>ingest host --counters</c> prints, where no telemetry backend is there to ask.
/// </summary>
public sealed class CounterTotals
{
    private readonly ConcurrentDictionary<string, long> _totals = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();
    private long _changes;

    /// <summary>How many measurements were added so far: a summary is worth printing when this moved.</summary>
    public long Changes => Interlocked.Read(ref _changes);

    public void Add(string instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var key = Key(instrument, tags);
        if (_totals.TryAdd(key, 0))
        {
            _order.Enqueue(key);
        }

        _totals.AddOrUpdate(key, value, (_, total) => total + value);
        Interlocked.Increment(ref _changes);
    }

    /// <summary>Every total as <c>name{tag values}=total</c>, space-separated; empty before anything was counted.</summary>
    public string Summary() => string.Join(' ', _order.Select(key => $"{key}={_totals[key]}"));

    /// <summary>The <see cref="Summary"/>: what a log line shows of the totals, formatted only when it is written.</summary>
    public override string ToString() => Summary();

    private static string Key(string instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
        {
            return instrument;
        }

        var key = new StringBuilder(instrument).Append('{');
        for (var i = 0; i < tags.Length; i++)
        {
            key.Append(i == 0 ? "" : ",").Append(tags[i].Value);
        }

        return key.Append('}').ToString();
    }
}
