using System.Globalization;
using System.Net;
using System.Text;
using Ingest.Core.Mail;
using Ingest.Core.Polling;
using Ingest.Core.Subscriptions;
using Ingest.Core.Topics;

namespace Ingest.Core.Digests;

/// <summary>
/// Writes a digest: topics in order of their best hit, hits best first, the same story from several feeds
/// folded into one entry ("also in …"), each with its source, time, snippet (matched terms highlighted) and why
/// it matched. HTML with inline styles and nothing remote, and a plain-text part. Everything from a feed is
/// HTML-encoded; the subject loses line breaks when it is sent.
/// </summary>
public static class DigestComposer
{
    private sealed record Entry(StoredHit Best, IReadOnlyList<string> AlsoIn);

    public static OutgoingMail? Compose(Subscriber subscriber, DigestPeriod period, IReadOnlyList<StoredHit> hits, IReadOnlyDictionary<string, string> topicTitles, Uri unsubscribeUrl, Uri? preferencesUrl = null)
    {
        if (hits.Count == 0)
        {
            return null;
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(subscriber.TimeZone);
        var sections = hits
            .GroupBy(h => h.TopicId)
            .Select(g => (Topic: g.Key, Entries: Fold(g)))
            .OrderByDescending(s => s.Entries[0].Best.Score)
            .ToList();
        var count = sections.Sum(s => s.Entries.Count);
        var titles = sections.Select(s => topicTitles.GetValueOrDefault(s.Topic, s.Topic)).ToList();
        var day = TimeZoneInfo.ConvertTime(period.End, zone).ToString("d MMM", CultureInfo.InvariantCulture);
        var subject = $"{count} new: {string.Join(", ", titles.Take(3))}{(titles.Count > 3 ? $" and {titles.Count - 3} more" : "")} — {day}";

        var html = new StringBuilder();
        var text = new StringBuilder();
        html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"></head>")
            .Append("<body style=\"margin:0;padding:16px;font-family:Arial,sans-serif;font-size:16px;line-height:1.45;color:#222;background:#fff\">")
            .Append("<div style=\"max-width:640px;margin:0 auto\">")
            .Append($"<h1 style=\"font-size:20px;margin:0 0 16px\">{E(subject)}</h1>");
        text.AppendLine(subject).AppendLine();

        foreach (var (topic, entries) in sections)
        {
            var title = topicTitles.GetValueOrDefault(topic, topic);
            html.Append($"<h2 style=\"font-size:18px;margin:24px 0 8px;border-bottom:2px solid #1a5fb4\">{E(title)}</h2>");
            text.AppendLine(title.ToUpperInvariant()).AppendLine(new string('=', title.Length));
            foreach (var entry in entries)
            {
                var hit = entry.Best;
                var when = TimeZoneInfo.ConvertTime(hit.PublishedAt, zone).ToString("d MMM HH:mm", CultureInfo.InvariantCulture);
                var source = entry.AlsoIn.Count == 0 ? hit.FeedId : $"{hit.FeedId}, also in {string.Join(", ", entry.AlsoIn)}";
                var why = string.Join(", ", hit.Matched.Select(m => m.Count > 1 ? $"{m.Term} ×{m.Count}" : m.Term));
                html.Append("<div style=\"margin:0 0 16px\">")
                    .Append($"<a href=\"{E(SnippetHtml.SafeLink(hit.Url))}\" style=\"font-weight:bold;color:#1a5fb4;text-decoration:none\">{E(hit.Title)}</a>")
                    .Append($"<div style=\"font-size:13px;color:#666\">{E(source)} · {E(when)} · score {hit.Score.ToString("0.#", CultureInfo.InvariantCulture)}</div>");
                if (!string.IsNullOrWhiteSpace(hit.Snippet))
                {
                    html.Append($"<div style=\"margin:4px 0\">{SnippetHtml.Highlight(hit.Snippet, hit.Highlights, hit.Matched, "b")}</div>");
                }

                html.Append($"<div style=\"font-size:13px;color:#666\">Why: {E(why)}</div></div>");
                text.AppendLine($"* {OneLine(hit.Title)}").AppendLine($"  {SnippetHtml.SafeLink(hit.Url)}").AppendLine($"  {OneLine(source)} · {when}");
                if (!string.IsNullOrWhiteSpace(hit.Snippet))
                {
                    text.AppendLine($"  {OneLine(hit.Snippet)}");
                }

                text.AppendLine($"  Why: {OneLine(why)}").AppendLine();
            }
        }

        html.Append($"<p style=\"font-size:13px;color:#666;margin-top:32px\">You get this {subscriber.Frequency.ToString().ToLowerInvariant()} digest from Ingest. ")
            .Append(preferencesUrl is null ? "" : $"<a href=\"{E(preferencesUrl.AbsoluteUri)}\" style=\"color:#666\">Change what you get</a> or ")
            .Append($"<a href=\"{E(unsubscribeUrl.AbsoluteUri)}\" style=\"color:#666\">unsubscribe</a>.</p></div></body></html>");
        text.AppendLine($"You get this {subscriber.Frequency.ToString().ToLowerInvariant()} digest from Ingest.");
        if (preferencesUrl is not null)
        {
            text.AppendLine($"Change what you get: {preferencesUrl.AbsoluteUri}");
        }

        text.AppendLine($"Unsubscribe: {unsubscribeUrl.AbsoluteUri}");

        return new OutgoingMail(subscriber.Email, subject, html.ToString(), text.ToString(), unsubscribeUrl, $"digest.{subscriber.Id}.{period.Id}@ingest");
    }

    /// <summary>The same story twice: the same article, or titles that read the same once normalised.</summary>
    private static List<Entry> Fold(IEnumerable<StoredHit> hits)
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

        return entries.Select(e => new Entry(e.Best, e.AlsoIn)).ToList();
    }

    private static string OneLine(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
