using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Ingest.Core.Telemetry;

namespace Ingest.Testing;

/// <summary>
/// A meter of Ingest's name that the test owns, and every measurement made on it: give <see cref="Metrics"/> to the
/// code under test, then read what it recorded.
/// </summary>
public sealed class MetricRecorder : IDisposable
{
    private readonly Meter _meter = new(IngestTelemetry.Name);
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<Measurement> _measured = new();

    public MetricRecorder()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter == _meter)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
        Metrics = new IngestMetrics(_meter);
    }

    public IngestMetrics Metrics { get; }

    /// <summary>One measurement: the instrument's name, the value, and its tags as "key=value" in the order given.</summary>
    public sealed record Measurement(string Instrument, double Value, IReadOnlyList<string> Tags);

    public IReadOnlyList<Measurement> Of(string instrument) => [.. _measured.Where(m => m.Instrument == instrument)];

    /// <summary>The sum of <paramref name="instrument"/>'s measurements carrying every one of <paramref name="tags"/>.</summary>
    public double Total(string instrument, params string[] tags) => Of(instrument).Where(m => tags.All(m.Tags.Contains)).Sum(m => m.Value);

    public void Dispose()
    {
        _listener.Dispose();
        _meter.Dispose();
    }

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var named = new List<string>(tags.Length);
        foreach (var tag in tags)
        {
            named.Add($"{tag.Key}={tag.Value}");
        }

        _measured.Enqueue(new Measurement(instrument.Name, value, named));
    }
}
