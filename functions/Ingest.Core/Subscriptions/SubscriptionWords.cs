using System.Globalization;
using Ingest.Core.Model;

namespace Ingest.Core.Subscriptions;

/// <summary>A subscription in the words pages and mails use, so the confirmation, its page and the preferences agree.</summary>
public static class SubscriptionWords
{
    public static string Schedule(Subscriber subscriber) => subscriber.Frequency switch
    {
        Frequency.Immediate => "an alert as soon as Ingest finds a matching article",
        Frequency.Daily => $"a daily digest at {Hour(subscriber.Hour)} ({subscriber.TimeZone} time)",
        Frequency.Breaking => $"a mail when a topic's news breaks: many more new stories in an hour than usual (at most one per topic every {Breaking.Cooldown.TotalHours:0} hours)",
        _ => $"a weekly digest on {subscriber.Weekday}s at {Hour(subscriber.Hour)} ({subscriber.TimeZone} time)",
    };

    public static string Threshold(double? minScore) => minScore switch
    {
        null or 0 => "every article that matches",
        SubscriptionForm.BestOnlyScore => $"only the best matches (score {SubscriptionForm.BestOnlyScore} or more)",
        { } score => $"articles that score {score.ToString("0.#", CultureInfo.InvariantCulture)} or more",
    };

    public static string Hour(int hour) => $"{hour:00}:00";

    /// <summary>
    /// Enough of an address for its owner to recognise it, not enough for someone who found the link to learn it:
    /// the first letter of the mailbox, and the domain.
    /// </summary>
    public static string MaskEmail(string email)
    {
        var at = email.LastIndexOf('@');
        return at <= 0 ? "your address" : $"{email[0]}{new string('•', Math.Clamp(at - 1, 3, 8))}{email[at..]}";
    }
}
