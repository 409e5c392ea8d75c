using System.Globalization;
using System.Text.RegularExpressions;

namespace Ingest.LoadTest;

/// <summary>
/// A cycle as the hosts' invocation lines tell it: how long the dispatch ran, when the first poll message's invocation
/// began after the dispatch began, when the last one ended, and how many were in flight on average between those two —
/// what the host's queue slots allowed, against what the polls cost. A message may name several feeds, polled one
/// after another in its invocation.
/// </summary>
public sealed record CycleTimeline(TimeSpan Dispatch, TimeSpan FirstPoll, TimeSpan LastPoll, int Polls, double MeanInFlight)
{
    private static readonly Regex Invocation = new(@"^\[(?<at>[\d:.]+)\] (?<name>PollFeeds?) \((?:timer|queue [^)]*)\) (?<ms>\d+) ms", RegexOptions.Multiline);

    /// <summary>The invocations that ended after <paramref name="dispatchBegun"/> in the outputs of every host (UTC times of day).</summary>
    public static CycleTimeline Of(IEnumerable<string> outputs, DateTimeOffset dispatchBegun)
    {
        var invocations = outputs.SelectMany(output => Invocation.Matches(output))
            .Select(m =>
            {
                var end = new DateTimeOffset(dispatchBegun.UtcDateTime.Date + TimeSpan.ParseExact(m.Groups["at"].Value, @"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture), TimeSpan.Zero);
                var duration = TimeSpan.FromMilliseconds(int.Parse(m.Groups["ms"].Value, CultureInfo.InvariantCulture));
                return (Name: m.Groups["name"].Value, Start: end - duration, End: end, Duration: duration);
            })
            .Where(i => i.Start >= dispatchBegun - TimeSpan.FromMilliseconds(1))
            .ToList();
        var dispatch = invocations.Where(i => i.Name == "PollFeeds").Select(i => i.Duration).FirstOrDefault();
        var polls = invocations.Where(i => i.Name == "PollFeed").ToList();
        if (polls.Count == 0)
        {
            return new CycleTimeline(dispatch, TimeSpan.Zero, TimeSpan.Zero, 0, 0);
        }

        var first = polls.Min(p => p.Start);
        var last = polls.Max(p => p.End);
        var busy = polls.Sum(p => p.Duration.TotalSeconds);
        return new CycleTimeline(dispatch, first - dispatchBegun, last - dispatchBegun, polls.Count, busy / Math.Max((last - first).TotalSeconds, 0.001));
    }

    public override string ToString() =>
        $"  timeline: dispatch {Dispatch.TotalSeconds:0.00} s; first poll message began at {FirstPoll.TotalSeconds:0.00} s, "
        + $"the last of {Polls} ended at {LastPoll.TotalSeconds:0.00} s; {MeanInFlight:0.0} messages in flight on average";
}
