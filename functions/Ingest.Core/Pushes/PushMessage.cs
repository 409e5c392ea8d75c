using System.Globalization;
using System.Text.Json.Serialization;
using Ingest.Core.Mail;
using Ingest.Core.Topics;

namespace Ingest.Core.Pushes;

/// <summary>
/// What one push says, whatever the endpoint's format: the mail's subject, lead and events, without the mail's links to
/// the subscriber's preferences and unsubscribe pages (a channel is read by more people than the subscriber).
/// <see cref="DeliveryId"/> is the same on every try of one delivery, so a receiver can drop a repeat.
/// </summary>
public sealed record PushMessage(string DeliveryId, string Type, string Subject, string? Lead, IReadOnlyList<PushItem> Items)
{
    public static PushMessage From(DigestContent content, string deliveryId) => new(
        deliveryId,
        content.IsBreaking ? "breaking" : content.IsAlert ? "alert" : "digest",
        content.Subject,
        content.Lead,
        [.. content.Sections.SelectMany(section => section.Entries.Select(entry => PushItem.From(section.TopicTitle, entry)))]);
}

/// <summary>One event: its best report, what matched (the terms, and <see cref="Why"/> as a mail says it), and the other reports of it.</summary>
public sealed record PushItem(
    string Topic,
    string Title,
    string Url,
    string Source,
    DateTimeOffset PublishedAt,
    string? Language,
    double Score,
    IReadOnlyList<string> Matched,
    string Why,
    string? Snippet,
    string? StoryId,
    string? Reach,
    IReadOnlyList<PushReport> OtherReports)
{
    public static PushItem From(string topic, DigestEntry entry) => new(
        topic,
        entry.Hit.Title,
        SnippetMarks.SafeLink(entry.Hit.Url),
        entry.Hit.FeedId,
        entry.Hit.PublishedAt,
        entry.Hit.Language,
        Math.Round(entry.Hit.Score, 2),
        [.. entry.Hit.Matched.Select(m => m.Term)],
        SnippetMarks.Why(entry.Hit.Matched),
        entry.Hit.Snippet,
        entry.Hit.StoryId,
        entry.Reach,
        [.. entry.OtherReports.Select(r => new PushReport(r.Title, SnippetMarks.SafeLink(r.Url), r.FeedId, r.Language))]);

    /// <summary>"KFOR · wire · 6 Dec 08:30 UTC": the line under the title in a chat message.</summary>
    [JsonIgnore]
    public string Byline => $"{Topic} · {Source} · {PublishedAt.ToString("d MMM HH:mm 'UTC'", CultureInfo.InvariantCulture)}";

    /// <summary>What matched, as a chat message says it, cut to a line.</summary>
    [JsonIgnore]
    public string MatchedLine => $"matched: {PushText.Clip(Why, 300)}";
}

/// <summary>Another outlet's report of the same event.</summary>
public sealed record PushReport(string Title, string Url, string Source, string? Language);
