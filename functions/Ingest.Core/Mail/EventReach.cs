using Ingest.Core.Model;

namespace Ingest.Core.Mail;

/// <summary>How widely an event was reported, in words a reader takes in at a glance.</summary>
public static class EventReach
{
    /// <summary>"3 reports from 3 outlets in 2 languages" (languages only when more than one is known); null for a lone report.</summary>
    public static string? Describe(IReadOnlyCollection<StoredHit> reports)
    {
        if (reports.Count < 2)
        {
            return null;
        }

        var outlets = reports.Select(r => r.FeedId).Distinct(StringComparer.Ordinal).Count();
        var languages = reports.Select(r => r.Language).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).Count();
        return $"{reports.Count} reports from {outlets} outlet{(outlets == 1 ? "" : "s")}{(languages > 1 ? $" in {languages} languages" : "")}";
    }
}
