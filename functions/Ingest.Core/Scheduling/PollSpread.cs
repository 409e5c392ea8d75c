using Ingest.Core.Model;

namespace Ingest.Core.Scheduling;

/// <summary>A due feed and how long its poll waits: zero for now, or its place in its host's share of the interval.</summary>
public sealed record PlannedPoll(FeedRecord Feed, TimeSpan Delay);

/// <summary>
/// Spreads the polls of one host over the poll interval. Many sources live on a few hosts (an outlet's sections, a
/// broadcaster's language services), and a catalogue imported at once makes them all due together: polled at the top
/// of the interval they would queue for the host's few request slots, time out there, and look like a burst to the
/// site. A host with no more due feeds than <see cref="PollPolicy.HostBurst"/> is polled at once; beyond that its due
/// feeds are placed one gap apart, the gap being the interval shared among all the host's feeds, so once spread they
/// stay spread: each comes due again an interval after its own poll.
/// </summary>
public static class PollSpread
{
    /// <param name="due">The feeds due now.</param>
    /// <param name="enabled">Every enabled feed, for how many feeds each host has in all.</param>
    public static IReadOnlyList<PlannedPoll> Plan(IReadOnlyList<FeedRecord> due, IReadOnlyList<FeedRecord> enabled, PollPolicy policy)
    {
        var feedsPerHost = enabled.GroupBy(Host).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var planned = new List<PlannedPoll>(due.Count);
        foreach (var host in due.GroupBy(Host))
        {
            var feeds = host.OrderBy(f => f.NextPollAt ?? DateTimeOffset.MinValue).ThenBy(f => f.Id, StringComparer.Ordinal).ToList();
            if (feeds.Count <= policy.HostBurst)
            {
                planned.AddRange(feeds.Select(f => new PlannedPoll(f, TimeSpan.Zero)));
                continue;
            }

            var gap = policy.Interval / Math.Max(feeds.Count, feedsPerHost.GetValueOrDefault(host.Key));
            planned.AddRange(feeds.Select((f, i) => new PlannedPoll(f, gap * i)));
        }

        return planned;
    }

    /// <summary>The host a feed is fetched from; an address that does not parse is a host of its own.</summary>
    private static string Host(FeedRecord feed) =>
        Uri.TryCreate(feed.Url, UriKind.Absolute, out var uri) ? uri.IdnHost.ToLowerInvariant() : feed.Id;
}
