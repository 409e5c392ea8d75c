using System.Globalization;

namespace Ingest.Core.Model;

/// <summary>
/// How many new articles a feed brought, per poll, over the last day: kept on the feed's row so the
/// monitoring endpoint can say "items in the last 24 h" without reading the articles. Stored as
/// space-separated <c>unixSeconds:count</c> pairs, oldest first.
/// </summary>
public sealed record ArrivalLog(IReadOnlyList<(DateTimeOffset At, int Count)> Entries)
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(1);

    public static ArrivalLog Empty { get; } = new([]);

    /// <summary>Reads a stored log; pairs that do not parse are dropped (the log only ever informs, never decides).</summary>
    public static ArrivalLog Parse(string? text)
    {
        var entries = new List<(DateTimeOffset, int)>();
        foreach (var pair in (text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split(':');
            if (parts.Length == 2
                && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
                && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds())
            {
                entries.Add((DateTimeOffset.FromUnixTimeSeconds(seconds), count));
            }
        }

        return new ArrivalLog(entries);
    }

    /// <summary>This log with <paramref name="count"/> arrivals at <paramref name="now"/>, and without what is older than a day.</summary>
    public ArrivalLog Add(DateTimeOffset now, int count) =>
        new([.. Entries.Where(e => e.At > now - Window), .. count > 0 ? new[] { (now, count) } : []]);

    public int CountSince(DateTimeOffset since) => Entries.Where(e => e.At > since).Sum(e => e.Count);

    public override string ToString() =>
        string.Join(' ', Entries.Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.At.ToUnixTimeSeconds()}:{e.Count}")));
}
