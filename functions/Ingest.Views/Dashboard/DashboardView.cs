using Ingest.Core.Model;
using Ingest.Core.Monitoring;

namespace Ingest.Views.Dashboard;

/// <summary>A topic's hits found per day, oldest day first, and its spikes in those days.</summary>
public sealed record TopicChart(TopicEntry Topic, IReadOnlyList<(DateOnly Day, int Hits)> Days, IReadOnlyList<Ingest.Core.Stories.Spike> Spikes)
{
    public IEnumerable<Ingest.Core.Stories.Spike> SpikesOn(DateOnly day) => Spikes.Where(s => DateOnly.FromDateTime(s.StartedAt.UtcDateTime) == day);
}

/// <summary>One article among the latest hits, with every topic it matched (short names).</summary>
public sealed record LatestArticle(StoredHit Best, IReadOnlyList<string> Topics)
{
    public DateTimeOffset FoundAt => Best.FoundAt ?? Best.PublishedAt;
}

/// <summary>What the dashboard shows, drawn from the status and the hits found over the charted days.</summary>
public sealed record DashboardView(ServiceStatus Status, IReadOnlyList<TopicChart> Charts, IReadOnlyList<LatestArticle> Latest)
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
        var latest = hitsFound
            .GroupBy(h => h.ArticleKey)
            .Select(g => new LatestArticle(g.MaxBy(h => h.Score)!, g.Select(h => names.GetValueOrDefault(h.TopicId, h.TopicId)).Distinct().ToList()))
            .OrderByDescending(a => a.FoundAt)
            .ThenByDescending(a => a.Best.PublishedAt)
            .Take(LatestCount)
            .ToList();
        return new DashboardView(status, charts, latest);
    }
}
