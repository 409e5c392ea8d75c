using System.Text;
using System.Text.Json;
using Ingest.Core.Model;
using Ingest.Core.Topics;

namespace Ingest.Core.Publishing;

/// <summary>
/// Latest hits as JSON Feed 1.1, the same entries as the Atom feed (<see cref="FeedEntry"/>): for readers and scripts
/// that would rather not parse XML. What JSON Feed has no field for — the topics matched, the score, what matched and
/// how many reports the event has — is in each item's <c>_ingest</c> extension object. Written with
/// <see cref="Utf8JsonWriter"/> and its default encoder, so text from a feed is escaped by construction (markup
/// characters as <c>\u003C</c>, never raw).
/// </summary>
public static class JsonHitFeed
{
    public const string MediaType = "application/feed+json";

    public const string Version = "https://jsonfeed.org/version/1.1";

    /// <param name="topics">The feed's topics by id; hits of other topics are left out.</param>
    /// <param name="sources">Feed titles by feed id, to name each entry's source; an unnamed feed goes by its id.</param>
    public static HitFeed Write(HitFeedHead head, IReadOnlyList<StoredHit> hits, IReadOnlyDictionary<string, TopicEntry> topics, IReadOnlyDictionary<string, string> sources)
    {
        var entries = FeedEntry.Select(hits, topics);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("version", Version);
            json.WriteString("title", HitFeed.Clean(head.Title));
            json.WriteString("description", HitFeed.Clean(head.Subtitle));
            json.WriteString("home_page_url", head.Home.AbsoluteUri);
            json.WriteString("feed_url", head.Json.AbsoluteUri);
            json.WriteStartArray("authors");
            json.WriteStartObject();
            json.WriteString("name", "Ingest");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteStartArray("items");
            foreach (var entry in entries)
            {
                WriteItem(json, entry, topics, HitFeed.Clean(sources.GetValueOrDefault(entry.Best.FeedId, entry.Best.FeedId)));
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return HitFeed.Of(Encoding.UTF8.GetString(buffer.ToArray()), MediaType + "; charset=utf-8", entries);
    }

    private static void WriteItem(Utf8JsonWriter json, FeedEntry entry, IReadOnlyDictionary<string, TopicEntry> topics, string source)
    {
        var hit = entry.Best;
        json.WriteStartObject();
        json.WriteString("id", entry.Id);
        if (SnippetMarks.SafeLink(hit.Url) is var link && link != "#")
        {
            json.WriteString("url", link);
        }

        json.WriteString("title", HitFeed.Clean(hit.Title));
        json.WriteString("content_text", HitFeed.Clean(entry.Summary(source)));
        if (!string.IsNullOrEmpty(hit.Snippet))
        {
            json.WriteString("summary", HitFeed.Clean(hit.Snippet));
        }

        json.WriteString("date_published", HitFeed.Time(hit.PublishedAt));
        json.WriteString("date_modified", HitFeed.Time(entry.Updated));
        if (hit.Language is { } language)
        {
            json.WriteString("language", language);
        }

        json.WriteStartArray("authors");
        json.WriteStartObject();
        json.WriteString("name", source);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartArray("tags");
        foreach (var topic in entry.TopicIds)
        {
            json.WriteStringValue(topics[topic].ShortName);
        }

        json.WriteEndArray();
        json.WriteStartObject("_ingest");
        json.WriteStartArray("topics");
        foreach (var topic in entry.TopicIds)
        {
            json.WriteStringValue(topic);
        }

        json.WriteEndArray();
        json.WriteNumber("score", Math.Round(hit.Score, 1));
        json.WriteString("matched", SnippetMarks.Why(hit.Matched));
        json.WriteNumber("reports", entry.Reports);
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
