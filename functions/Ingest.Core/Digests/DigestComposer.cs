using System.Globalization;
using Ingest.Core.Mail;
using Ingest.Core.Polling;
using Ingest.Core.Subscriptions;
using Ingest.Core.Topics;

namespace Ingest.Core.Digests;

/// <summary>
/// Decides what a digest says: topics in order of their best hit, hits best first, the same story from several feeds
/// folded into one entry ("also in …"), a subject that counts the entries. <see cref="IMailTemplates"/> lays it out.
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
        var sections = hits
            .GroupBy(h => h.TopicId)
            .Select(g => new DigestSection(topicTitles.GetValueOrDefault(g.Key, g.Key), Fold(g, zone)))
            .OrderByDescending(s => s.Entries[0].Hit.Score)
            .ToList();
        var count = sections.Sum(s => s.Entries.Count);
        var titles = sections.Select(s => s.TopicTitle).ToList();
        var day = TimeZoneInfo.ConvertTime(period.End, zone).ToString("d MMM", CultureInfo.InvariantCulture);
        var subject = $"{count} new: {string.Join(", ", titles.Take(3))}{(titles.Count > 3 ? $" and {titles.Count - 3} more" : "")} — {day}";
        return new DigestContent(subscriber, period, subject, sections, unsubscribeUrl, preferencesUrl);
    }

    /// <summary>The same story twice: the same article, or titles that read the same once normalised.</summary>
    private static List<DigestEntry> Fold(IEnumerable<StoredHit> hits, TimeZoneInfo zone)
    {
        var entries = new List<(StoredHit Best, List<string> AlsoIn, string Key)>();
        foreach (var hit in hits.OrderByDescending(h => h.Score).ThenByDescending(h => h.PublishedAt))
        {
            var key = TextNormalizer.Normalize(hit.Title);
            var same = entries.FindIndex(e => e.Key == key || e.Best.ArticleKey == hit.ArticleKey);
            if (same < 0)
            {
                entries.Add((hit, [], key));
            }
            else if (entries[same].Best.FeedId != hit.FeedId && !entries[same].AlsoIn.Contains(hit.FeedId))
            {
                entries[same].AlsoIn.Add(hit.FeedId);
            }
        }

        return entries.Select(e => new DigestEntry(e.Best, e.AlsoIn, TimeZoneInfo.ConvertTime(e.Best.PublishedAt, zone))).ToList();
    }
}
