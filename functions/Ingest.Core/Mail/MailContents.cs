using Ingest.Core.Model;

namespace Ingest.Core.Mail;

/// <summary>
/// What a digest or an alert says, decided here; how it looks is <see cref="IMailTemplates"/>' business. Times are
/// already in the subscriber's zone, so a template only lays them out.
/// </summary>
public sealed record DigestContent(
    Subscriber Subscriber,
    DigestPeriod Period,
    string Subject,
    IReadOnlyList<DigestSection> Sections,
    Uri UnsubscribeUrl,
    Uri? PreferencesUrl,
    string? Lead = null)
{
    /// <summary>An alert goes out as hits arrive; a digest sums up a day or a week.</summary>
    public bool IsAlert => Subscriber.Frequency == Frequency.Immediate;

    /// <summary>Breaking news: a topic's spike, with <see cref="Lead"/> saying how far above its usual it is.</summary>
    public bool IsBreaking => Subscriber.Frequency == Frequency.Breaking;

    /// <summary>The same id for the same period, so a resent digest is recognised as one by mail clients.</summary>
    public string MessageId => $"digest.{Subscriber.Id}.{Period.Id}@ingest";
}

/// <summary>One topic's entries in a digest, best first.</summary>
public sealed record DigestSection(string TopicTitle, IReadOnlyList<DigestEntry> Entries);

/// <summary>
/// One event: its best report, when (in the subscriber's zone), the other topics it matched (it is listed once, under
/// its best), and its other reports of the period, best first.
/// </summary>
public sealed record DigestEntry(StoredHit Hit, DateTimeOffset LocalTime, IReadOnlyList<string> OtherTopics, IReadOnlyList<StoredHit> OtherReports)
{
    public IReadOnlyList<StoredHit> Reports { get; } = [Hit, .. OtherReports];

    /// <summary>The other feeds that reported the event, best report first.</summary>
    public IReadOnlyList<string> AlsoReportedBy { get; } = OtherReports.Select(r => r.FeedId).Distinct(StringComparer.Ordinal).Where(f => f != Hit.FeedId).ToList();

    /// <summary>"3 reports from 3 outlets in 2 languages"; null for a lone report.</summary>
    public string? Reach => EventReach.Describe(Reports);

    /// <summary>The other reports grouped by language (unknown last), each group newest first.</summary>
    public IEnumerable<IGrouping<string, StoredHit>> OtherReportsByLanguage =>
        OtherReports.OrderByDescending(r => r.PublishedAt).GroupBy(r => r.Language ?? "").OrderBy(g => g.Key.Length == 0).ThenBy(g => g.Key, StringComparer.Ordinal);
}

/// <summary>The double opt-in mail: what was asked for, in words, and the link that confirms it.</summary>
public sealed record ConfirmationContent(
    Subscriber Subscriber,
    IReadOnlyList<string> TopicTitles,
    Uri ConfirmUrl,
    DateTimeOffset LinkExpiresAt,
    Uri UnsubscribeUrl);

/// <summary>Turns what a mail says into the mail (HTML and plain text), escaping everything that came from outside.</summary>
public interface IMailTemplates
{
    Task<OutgoingMail> DigestAsync(DigestContent digest, CancellationToken cancellationToken);

    Task<OutgoingMail> ConfirmationAsync(ConfirmationContent confirmation, CancellationToken cancellationToken);
}
