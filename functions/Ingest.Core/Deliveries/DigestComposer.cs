using System.Globalization;
using Ingest.Core.Mail;
using Ingest.Core.Model;
using Ingest.Core.Topics;

namespace Ingest.Core.Deliveries;

/// <summary>
/// Decides what a digest says: each story once (its reports from several feeds, and its several topics, folded into
/// one entry under its best topic, with the other feeds as "also reported by"), topics in order of their best entry,
/// entries best first, and a subject that counts the stories. <see cref="IMailTemplates"/> lays it out.
/// </summary>
public static class DigestComposer
{
    public static DigestContent? Compose(Subscriber subscriber, DigestPeriod period, IReadOnlyList<StoredHit> hits, IReadOnlyDictionary<string, string> topicTitles, Uri unsubscribeUrl, Uri? preferencesUrl = null)
    {
        if (hits.Count == 0)
        {
            return null;
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(subscriber.TimeZone);
        string Title(string topic) => topicTitles.GetValueOrDefault(topic, topic);
        var sections = Fold(hits)
            .GroupBy(story => story[0].TopicId)
            .Select(g => new DigestSection(Title(g.Key), g.Select(story => Entry(story, zone, Title)).ToList()))
            .OrderByDescending(s => s.Entries[0].Hit.Score)
            .ToList();
        var count = sections.Sum(s => s.Entries.Count);
        var titles = sections.Select(s => s.TopicTitle).ToList();
        var day = TimeZoneInfo.ConvertTime(period.End, zone).ToString("d MMM", CultureInfo.InvariantCulture);
        var subject = $"{count} new: {string.Join(", ", titles.Take(3))}{(titles.Count > 3 ? $" and {titles.Count - 3} more" : "")} — {day}";
        return new DigestContent(subscriber, period, subject, sections, unsubscribeUrl, preferencesUrl);
    }

    /// <summary>
    /// The hits of each story, best first: one story is hits with the same story id, the same article, or titles that
    /// read the same once normalised (hits stored before stories existed have no id).
    /// </summary>
    private static List<List<StoredHit>> Fold(IEnumerable<StoredHit> hits)
    {
        var stories = new List<(List<StoredHit> Hits, HashSet<string> Keys)>();
        foreach (var hit in hits.OrderByDescending(h => h.Score).ThenByDescending(h => h.PublishedAt))
        {
            string[] keys = [$"a:{hit.ArticleKey}", $"t:{TextNormalizer.Normalize(hit.Title)}", .. hit.StoryId is { } id ? [$"s:{id}"] : Array.Empty<string>()];
            var same = stories.FindIndex(s => keys.Any(s.Keys.Contains));
            if (same < 0)
            {
                stories.Add(([hit], [.. keys]));
            }
            else
            {
                stories[same].Hits.Add(hit);
                stories[same].Keys.UnionWith(keys);
            }
        }

        return stories.Select(s => s.Hits).ToList();
    }

    private static DigestEntry Entry(List<StoredHit> story, TimeZoneInfo zone, Func<string, string> topicTitle)
    {
        var best = story[0];
        var otherTopics = story.Select(h => h.TopicId).Distinct().Where(t => t != best.TopicId).Select(topicTitle).ToList();
        var others = story.DistinctBy(h => h.ArticleKey).Where(h => h.ArticleKey != best.ArticleKey).ToList();
        return new DigestEntry(best, TimeZoneInfo.ConvertTime(best.PublishedAt, zone), otherTopics, others);
    }
}
