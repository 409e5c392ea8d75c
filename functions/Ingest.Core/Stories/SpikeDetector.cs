namespace Ingest.Core.Stories;

/// <summary>
/// When a topic's news is breaking: new stories (not reports: a reprint storm is one story) in the last hour against
/// the same hour of the previous <see cref="BaselineDays"/> days. A spike is a count at or above
/// <c>max(Floor, mean + Margin × max(spread, 1))</c>: the spread keeps a steady topic from alarming on noise, its
/// floor of one keeps a topic that is always quiet from alarming on two stories, and <see cref="Floor"/> sets the
/// least news that can be breaking at all.
/// </summary>
public sealed record SpikeRules
{
    public int BaselineDays { get; init; } = 7;

    public double Margin { get; init; } = 3;

    public int Floor { get; init; } = 4;

    public static SpikeRules Default { get; } = new();
}

/// <summary>One topic's last hour against its baseline.</summary>
public sealed record SpikeVerdict(string TopicId, DateTimeOffset At, int Count, double Mean, double Spread, double Threshold, IReadOnlyList<string> StoryIds)
{
    public bool IsSpike => Count >= Threshold;
}

public static class SpikeDetector
{
    public static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    /// <summary>How far back the stories must reach for a verdict at <c>now</c>.</summary>
    public static DateTimeOffset Since(DateTimeOffset now, SpikeRules rules) => now - TimeSpan.FromDays(rules.BaselineDays) - Hour;

    /// <param name="stories">Stories founded since <see cref="Since"/>, on any topics.</param>
    public static SpikeVerdict Evaluate(string topicId, IReadOnlyList<Story> stories, DateTimeOffset now, SpikeRules rules)
    {
        var found = stories.Where(s => s.Topics.Contains(topicId)).ToList();
        List<Story> InHourBefore(DateTimeOffset end) => found.Where(s => s.FoundAt > end - Hour && s.FoundAt <= end).ToList();

        var current = InHourBefore(now);
        var baseline = Enumerable.Range(1, rules.BaselineDays).Select(day => (double)InHourBefore(now - TimeSpan.FromDays(day)).Count).ToList();
        var mean = baseline.Average();
        var spread = Math.Sqrt(baseline.Sum(c => (c - mean) * (c - mean)) / baseline.Count);
        var threshold = Math.Max(rules.Floor, mean + (rules.Margin * Math.Max(spread, 1)));
        return new SpikeVerdict(topicId, now, current.Count, mean, spread, threshold, current.OrderBy(s => s.FoundAt).Select(s => s.Id).ToList());
    }
}
