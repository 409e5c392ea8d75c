using System.Globalization;
using System.Text.RegularExpressions;

namespace Ingest.LoadTest;

/// <summary>
/// Where a cycle's time went, from the worker's running span totals (<c>Telemetry__SpanSummarySeconds</c>): the last
/// totals line printed after the cycle less the one printed before it, per kind of span.
/// </summary>
public sealed record SpanTrace(IReadOnlyDictionary<string, (long Count, double Seconds)> Spans)
{
    public static readonly SpanTrace Empty = new(new Dictionary<string, (long, double)>());

    /// <summary>The totals in the last <c>spans:</c> line of the host's output; empty when there is none.</summary>
    public static SpanTrace Last(string output)
    {
        var line = output.Split('\n').LastOrDefault(l => l.Contains("spans: ", StringComparison.Ordinal));
        if (line is null)
        {
            return Empty;
        }

        var spans = new Dictionary<string, (long, double)>();
        foreach (var part in line[(line.IndexOf("spans: ", StringComparison.Ordinal) + 7)..].Split("; "))
        {
            var match = Regex.Match(part, @"^(?<name>.+) (?<count>\d+)× [\d.]+ ms = (?<total>[\d.]+) s");
            if (match.Success)
            {
                spans[match.Groups["name"].Value] = (long.Parse(match.Groups["count"].Value, CultureInfo.InvariantCulture), double.Parse(match.Groups["total"].Value, CultureInfo.InvariantCulture));
            }
        }

        return new SpanTrace(spans);
    }

    /// <summary>Both sets of totals added up: the spans of two instances as one.</summary>
    public SpanTrace Plus(SpanTrace other) => new(Spans.Keys.Union(other.Spans.Keys).ToDictionary(
        name => name,
        name => (Spans.GetValueOrDefault(name).Count + other.Spans.GetValueOrDefault(name).Count, Spans.GetValueOrDefault(name).Seconds + other.Spans.GetValueOrDefault(name).Seconds)));

    public SpanTrace Since(SpanTrace before) => new(Spans.ToDictionary(
        pair => pair.Key,
        pair => before.Spans.TryGetValue(pair.Key, out var earlier) ? (pair.Value.Count - earlier.Count, pair.Value.Seconds - earlier.Seconds) : pair.Value));

    /// <summary>One line per kind of span that ran, the most time first: count, count per article, total and mean.</summary>
    public IEnumerable<string> Describe(int articles) => Spans
        .Where(pair => pair.Value.Count > 0)
        .OrderByDescending(pair => pair.Value.Seconds)
        .Select(pair => string.Create(CultureInfo.InvariantCulture,
            $"  {pair.Key,-40} {pair.Value.Count,8}× {(double)pair.Value.Count / Math.Max(articles, 1),7:0.00}/article {pair.Value.Seconds,9:0.0} s {pair.Value.Seconds * 1000 / pair.Value.Count,8:0.00} ms each"));
}
