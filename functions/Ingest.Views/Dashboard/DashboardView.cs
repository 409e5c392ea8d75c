using Ingest.Core.Mail;
using Ingest.Core.Model;
using Ingest.Core.Monitoring;

namespace Ingest.Views.Dashboard;

/// <summary>A topic's hits found per day, oldest day first, and its spikes in those days.</summary>
public sealed record TopicChart(TopicEntry Topic, IReadOnlyList<(DateOnly Day, int Hits)> Days, IReadOnlyList<Ingest.Core.Stories.Spike> Spikes)
{
    public IEnumerable<Ingest.Core.Stories.Spike> SpikesOn(DateOnly day) => Spikes.Where(s => DateOnly.FromDateTime(s.StartedAt.UtcDateTime) == day);
}

/// <summary>
/// One event among the latest: its best report, every topic its reports matched (short names), and its reports of the
/// charted days, one per article, newest first.
/// </summary>
public sealed record LatestEvent(StoredHit Best, IReadOnlyList<string> Topics, IReadOnlyList<StoredHit> Reports)
{
    /// <summary>Other reports listed under the best one; the reach line counts them all.</summary>
    public const int OtherReportsShown = 8;

    public DateTimeOffset FoundAt => Reports.Max(r => r.FoundAt ?? r.PublishedAt);

    public string? Reach => EventReach.Describe(Reports);

    public IEnumerable<StoredHit> OtherReports => Reports.Where(r => r.ArticleKey != Best.ArticleKey).Take(OtherReportsShown);
}

/// <summary>What the dashboard shows, drawn from the status and the hits found over the charted days.</summary>
public sealed record DashboardView(ServiceStatus Status, IReadOnlyList<TopicChart> Charts, IReadOnlyList<LatestEvent> Latest)
{
    public const int ChartDays = 14;
    public const int LatestCount = 20;

    /// <summary>The first day charted (UTC): hits found since then are the ones to read.</summary>
    public static DateOnly FirstDay(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime).AddDays(1 - ChartDays);

    public static DashboardView Build(ServiceStatus status, IReadOnlyList<TopicEntry> topics, IReadOnlyList<StoredHit> hitsFound)
    {
        var firstDay = FirstDay(status.GeneratedAt);
        var counts = hitsFound.CountBy(h => (h.TopicId, DateOnly.FromDateTime((h.FoundAt ?? h.PublishedAt).UtcDateTime))).ToDictionary();
        var charts = topics
            .Select(topic => new TopicChart(
                topic,
                Enumerable.Range(0, ChartDays).Select(i => firstDay.AddDays(i)).Select(day => (day, counts.GetValueOrDefault((topic.Id, day)))).ToList(),
                status.Topics.TryGetValue(topic.Id, out var activity) ? activity.Spikes : []))
            .ToList();

        var names = topics.ToDictionary(t => t.Id, t => t.ShortName);
        // Hits filed before stories had none: each such article is an event of its own.
        var latest = hitsFound
            .GroupBy(h => h.StoryId ?? h.ArticleKey)
            .Select(g => new LatestEvent(
                g.MaxBy(h => h.Score)!,
                g.Select(h => names.GetValueOrDefault(h.TopicId, h.TopicId)).Distinct().ToList(),
                g.GroupBy(h => h.ArticleKey).Select(a => a.MaxBy(h => h.Score)!).OrderByDescending(h => h.FoundAt ?? h.PublishedAt).ToList()))
            .OrderByDescending(a => a.FoundAt)
            .ThenByDescending(a => a.Best.PublishedAt)
            .Take(LatestCount)
            .ToList();
        return new DashboardView(status, charts, latest);
    }
}
