using System.Text.Json;
using Ingest.Core.Model;
using Ingest.Core.Publishing;
using Ingest.Core.Topics;

namespace Ingest.Core.Tests.Publishing;

public sealed class JsonHitFeedTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 7, 0, 0, TimeSpan.Zero);
    private static readonly HitFeedHead Head = new("tag:ingest,2026:topics/kfor", "KFOR", "Latest", new Uri("https://ingest.example/api/topics/kfor/feed"), new Uri("https://ingest.example/api/topics/kfor/feed.json"), new Uri("https://ingest.example/"));
    private static readonly Dictionary<string, TopicEntry> Topics = new()
    {
        ["kfor"] = new TopicEntry("kfor", "KFOR", "KFOR", ""),
        ["normalisation"] = new TopicEntry("normalisation", "Kosovo–Serbia normalisation", "Normalisation", ""),
    };

    private static StoredHit Hit(string topic, string key, string title, double score, DateTimeOffset found, string? story, string? language = null) =>
        new(topic, key, title, $"https://news.example/{key}", "wire", found.AddHours(-1), score, [new MatchedTerm("KFOR", 1)], "KFOR troops <b>moved</b>.", FoundAt: found, StoryId: story, Language: language);

    [Fact]
    public void The_json_feed_has_the_atom_feeds_events_with_their_topics_score_and_reach_and_escapes_what_came_from_outside()
    {
        var hits = new[]
        {
            Hit("kfor", "a1", "Crossing reopened", 10, Monday, "s-1", "en"),
            Hit("normalisation", "a1", "Crossing reopened", 6, Monday, "s-1", "en"),
            Hit("kfor", "a2", "Prelaz ponovo otvoren", 14, Monday.AddHours(2), "s-1", "sr-Latn"),
            Hit("kfor", "b1", "<script>alert(1)</script> Patrols", 8, Monday.AddHours(1), null),
        };

        var feed = JsonHitFeed.Write(Head, hits, Topics, new Dictionary<string, string> { ["wire"] = "Wire & <desk>" });
        var atom = HitFeed.Atom(Head, hits, Topics, new Dictionary<string, string>());

        Assert.StartsWith("application/feed+json", feed.ContentType, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", feed.Body, StringComparison.Ordinal);
        Assert.Equal(atom.LastModified, feed.LastModified);
        Assert.NotEqual(atom.ETag, feed.ETag);
        using var json = JsonDocument.Parse(feed.Body);
        var root = json.RootElement;
        Assert.Equal("https://jsonfeed.org/version/1.1", root.GetProperty("version").GetString());
        Assert.Equal("https://ingest.example/api/topics/kfor/feed.json", root.GetProperty("feed_url").GetString());
        var items = root.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["tag:ingest,2026:stories/s-1", "tag:ingest,2026:articles/b1"], items.Select(i => i.GetProperty("id").GetString()));
        var visit = items[0];
        Assert.Equal("Prelaz ponovo otvoren", visit.GetProperty("title").GetString());
        Assert.Equal("https://news.example/a2", visit.GetProperty("url").GetString());
        Assert.Equal("2026-11-30T09:00:00Z", visit.GetProperty("date_modified").GetString());
        Assert.Equal("sr-Latn", visit.GetProperty("language").GetString());
        Assert.Equal("Wire & <desk>", visit.GetProperty("authors")[0].GetProperty("name").GetString());
        Assert.Equal(["KFOR", "Normalisation"], visit.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        var extension = visit.GetProperty("_ingest");
        Assert.Equal(["kfor", "normalisation"], extension.GetProperty("topics").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(2, extension.GetProperty("reports").GetInt32());
        Assert.Equal(14, extension.GetProperty("score").GetDouble());
        Assert.EndsWith("2 reports of this event.", visit.GetProperty("content_text").GetString(), StringComparison.Ordinal);
        Assert.Equal("<script>alert(1)</script> Patrols", items[1].GetProperty("title").GetString());
    }
}
