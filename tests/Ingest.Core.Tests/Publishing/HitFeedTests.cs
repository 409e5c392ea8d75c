using System.Xml.Linq;
using Ingest.Core.Model;
using Ingest.Core.Publishing;
using Ingest.Core.Topics;

namespace Ingest.Core.Tests.Publishing;

public sealed class HitFeedTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 7, 0, 0, TimeSpan.Zero);
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly HitFeedHead Head = new("tag:ingest,2026:topics/kfor", "KFOR", "Latest", new Uri("https://ingest.example/api/topics/kfor/feed"), new Uri("https://ingest.example/api/topics/kfor/feed.json"), new Uri("https://ingest.example/"));
    private static readonly Dictionary<string, TopicEntry> Topics = new() { ["kfor"] = new TopicEntry("kfor", "KFOR", "KFOR", "") };

    private static StoredHit Hit(string key, string title, double score, DateTimeOffset found, string? story) =>
        new("kfor", key, title, $"https://news.example/{key}", "wire", found, score, [new MatchedTerm("KFOR", 1)], "KFOR troops.", FoundAt: found, StoryId: story);

    [Fact]
    public void An_event_is_one_entry_that_keeps_its_id_and_is_updated_when_a_report_joins()
    {
        var first = HitFeed.Atom(Head, [Hit("a1", "Crossing reopened", 10, Monday, "s-1")], Topics, new Dictionary<string, string>());
        var grown = HitFeed.Atom(Head,
        [
            Hit("a1", "Crossing reopened", 10, Monday, "s-1"),
            Hit("a2", "Prelaz ponovo otvoren", 14, Monday.AddHours(2), "s-1"),
            Hit("b1", "Another event", 8, Monday.AddHours(1), null),
        ], Topics, new Dictionary<string, string>());

        var before = Assert.Single(XDocument.Parse(first.Body).Root!.Elements(Atom + "entry"));
        var entries = XDocument.Parse(grown.Body).Root!.Elements(Atom + "entry").ToList();
        Assert.Equal(2, entries.Count);
        var after = entries[0];
        Assert.Equal("tag:ingest,2026:stories/s-1", (string?)before.Element(Atom + "id"));
        Assert.Equal((string?)before.Element(Atom + "id"), (string?)after.Element(Atom + "id"));
        Assert.Equal("Prelaz ponovo otvoren", (string?)after.Element(Atom + "title"));
        Assert.Equal("2026-11-30T09:00:00Z", (string?)after.Element(Atom + "updated"));
        Assert.EndsWith("2 reports of this event.", (string?)after.Element(Atom + "summary"));
        Assert.Equal("tag:ingest,2026:articles/b1", (string?)entries[1].Element(Atom + "id"));
        Assert.NotEqual(first.ETag, grown.ETag);
    }
}
