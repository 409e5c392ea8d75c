using Ingest.Core.Model;
using Ingest.Core.Monitoring;
using Ingest.Views.Dashboard;

namespace Ingest.Views.Tests;

public sealed class DashboardViewTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    private static StoredHit Hit(string topic, string article, string feed, string? story, string? language, double score, int minutesAgo) =>
        new(topic, article, $"Report {article} <b>bold</b>", $"https://news.example/{article}", feed, Now.AddMinutes(-minutesAgo - 30), score, [], null,
            FoundAt: Now.AddMinutes(-minutesAgo), StoryId: story, Language: language);

    [Fact]
    public async Task The_latest_list_has_one_entry_per_event_with_its_reach_and_links_to_its_other_reports()
    {
        var topics = new[] { new TopicEntry("kfor", "KFOR", "KFOR", "Kosovo Force"), new TopicEntry("normalisation", "Normalisation", "Normalisation", "Kosovo and Serbia") };
        var status = new ServiceStatus(Now, null, [], new Dictionary<string, TopicActivity>(), new Dictionary<string, QueueDepth>(),
            new DigestActivity(null, 0, 0, []), new Dictionary<string, TimerRun>(), new FreshnessReport("healthy", []));
        var view = DashboardView.Build(status, topics, [
            Hit("kfor", "a1", "wire", "s-1", "en", 9, 50),
            Hit("normalisation", "a1", "wire", "s-1", "en", 4, 50),
            Hit("kfor", "a2", "desk", "s-1", "sr-Latn", 6, 20),
            Hit("kfor", "a3", "radio", "s-1", "sr-Cyrl", 5, 10),
            Hit("kfor", "b1", "wire", "s-2", "en", 7, 40),
            Hit("kfor", "c1", "desk", null, null, 3, 5),
        ]);

        Assert.Equal(["c1", "a1", "b1"], view.Latest.Select(e => e.Best.ArticleKey));
        var visit = view.Latest[1];
        Assert.Equal(["KFOR", "Normalisation"], visit.Topics);
        Assert.Equal("3 reports from 3 outlets in 3 languages", visit.Reach);
        Assert.Equal(["a3", "a2"], visit.OtherReports.Select(r => r.ArticleKey));
        Assert.Null(view.Latest[2].Reach);

        var html = await Views.Renderer.RenderAsync<DashboardPage>(new Dictionary<string, object?>
        {
            [nameof(DashboardPage.Status)] = view.Status,
            [nameof(DashboardPage.Model)] = view,
        });
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "3 reports from 3 outlets in 3 languages"));
        Assert.Contains("href=\"https://news.example/a3\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>bold</b>", html, StringComparison.Ordinal);
    }
}
