using System.Globalization;
using System.Text;
using Ingest.Core.Model;
using Ingest.Core.Topics;

namespace Ingest.Core.Subscriptions;

/// <summary>
/// Reads a subscribe request's fields (from JSON or a form) into a pending subscriber, or lists every field
/// that is wrong. Addresses with line breaks, display names, more than one recipient or an IP literal for a domain
/// are refused. A field takes exactly one value of its set ("daily,weekly" is refused, not read as flags), and an
/// error names the field and the rule but never repeats what was sent.
/// </summary>
public static class SubscriptionForm
{
    /// <summary>"Only the best": the floor used for subscribers who ask for it.</summary>
    public const double BestOnlyScore = 12;

    public static (Subscriber? Subscriber, IReadOnlyDictionary<string, string> Errors) Read(
        IReadOnlyDictionary<string, string?> fields, IReadOnlyCollection<string> topicIds, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var email = Email(fields.GetValueOrDefault("email"), errors);

        var topics = (fields.GetValueOrDefault("topics") ?? "").Split([',', ' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
        var unknown = topics.Where(t => !topicIds.Contains(t)).ToList();
        var watches = Watches(fields.GetValueOrDefault("watches"), errors);
        if (topics.Count == 0 && watches.Count == 0 && !errors.ContainsKey("watches"))
        {
            errors["topics"] = $"choose at least one of: {string.Join(", ", topicIds)}; or write a watch of your own";
        }
        else if (unknown.Count > 0)
        {
            errors["topics"] = $"{unknown.Count} unknown topic(s); choose from: {string.Join(", ", topicIds)}";
        }

        var frequency = Frequency.Daily;
        if (fields.GetValueOrDefault("frequency") is { Length: > 0 } f && !TryName(f, out frequency))
        {
            errors["frequency"] = "must be one of immediate, daily, weekly or breaking";
        }

        var hour = 7;
        if (fields.GetValueOrDefault("hour") is { Length: > 0 } h && (!int.TryParse(h, NumberStyles.None, CultureInfo.InvariantCulture, out hour) || hour > 23))
        {
            errors["hour"] = "must be a whole hour from 0 to 23";
        }

        var timeZone = fields.GetValueOrDefault("timeZone") is { Length: > 0 } tz ? tz : "UTC";
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _) || timeZone.Length > 64)
        {
            errors["timeZone"] = "must be an IANA time zone such as Europe/Belgrade";
        }

        var weekday = DayOfWeek.Monday;
        if (fields.GetValueOrDefault("weekday") is { Length: > 0 } w && !TryName(w, out weekday))
        {
            errors["weekday"] = "must be one day name such as monday";
        }

        double? minScore = null;
        if (fields.GetValueOrDefault("minScore") is { Length: > 0 } m)
        {
            if (m.Equals("best", StringComparison.OrdinalIgnoreCase))
            {
                minScore = BestOnlyScore;
            }
            else if (double.TryParse(m, NumberStyles.Float, CultureInfo.InvariantCulture, out var score) && score is >= 0 and <= 1000)
            {
                minScore = score;
            }
            else
            {
                errors["minScore"] = "must be a number from 0 to 1000, or \"best\"";
            }
        }

        return errors.Count > 0 || email is null
            ? (null, errors)
            : (new Subscriber("", email, SubscriberStatus.Pending, topics, frequency, hour, timeZone, weekday, minScore, now, Watches: watches.Count > 0 ? watches : null), errors);
    }

    /// <summary>One watch per line (<see cref="WatchQuery"/>); blank lines and repeats are dropped, each error names its line.</summary>
    private static List<string> Watches(string? value, Dictionary<string, string> errors)
    {
        var lines = (value ?? "").Split('\n').Select(l => l.Trim()).ToList();
        var watches = new List<string>();
        var problems = new List<string>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            if (!WatchQuery.TryParse(lines[i], out var watch, out var error))
            {
                problems.Add($"line {i + 1} {error}");
            }
            else if (ids.Add(watch!.Id))
            {
                watches.Add(watch.Text);
            }
        }

        if (problems.Count > 0)
        {
            errors["watches"] = string.Join("; ", problems.Take(3)) + (problems.Count > 3 ? $"; and {problems.Count - 3} more" : "");
        }
        else if (watches.Count > Subscriber.MaxWatches)
        {
            errors["watches"] = $"at most {Subscriber.MaxWatches} watches; combine or remove some";
        }

        return watches;
    }

    private static string? Email(string? value, Dictionary<string, string> errors)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            errors["email"] = "is required";
            return null;
        }

        // One bare address (a dot-atom local part, a host name with a dot) and nothing else: no display names,
        // quoted local parts, comments, IP literals or second recipients.
        var at = text.LastIndexOf('@');
        var (local, domain) = at > 0 ? (text[..at], text[(at + 1)..]) : ("", "");
        if (text.Length > 254 || local.Length is 0 or > 64 || !IsDotAtom(local) || !domain.Contains('.') || !IsDomainName(domain))
        {
            errors["email"] = "is not a valid email address";
            return null;
        }

        // Internationalised domains are mailed (as UTF-8 or punycode, whatever the server takes); a local part in
        // other letters needs SMTPUTF8 all the way to the mailbox, which Ingest cannot promise, so it is refused here.
        if (!Ascii.IsValid(local))
        {
            errors["email"] = "has letters outside ASCII before the @, which Ingest cannot mail; internationalised domains are fine";
            return null;
        }

        return SubscriberIds.NormalizeEmail(text);
    }

    /// <summary>Exactly one of the enum's names, in any case: not a number, not a comma-joined list of flags.</summary>
    private static bool TryName<T>(string text, out T value) where T : struct, Enum
    {
        var name = Enum.GetNames<T>().FirstOrDefault(n => n.Equals(text.Trim(), StringComparison.OrdinalIgnoreCase));
        value = name is null ? default : Enum.Parse<T>(name);
        return name is not null;
    }

    /// <summary>RFC 5322's dot-atom: letters, digits and <c>!#$%&amp;'*+-/=?^_`{|}~</c>, dots only between them.</summary>
    private static bool IsDotAtom(string local) =>
        local.Split('.').All(part => part.Length > 0 && part.All(c => char.IsLetterOrDigit(c) || "!#$%&'*+-/=?^_`{|}~".Contains(c)));

    /// <summary>A host name: dot-separated labels of letters (any script, for internationalised domains), digits and hyphens.</summary>
    private static bool IsDomainName(string host) =>
        host.Split('.').All(label => label.Length is > 0 and <= 63 && label[0] != '-' && label[^1] != '-' && label.All(c => char.IsLetterOrDigit(c) || c == '-'))
        && !host.Split('.')[^1].All(char.IsAsciiDigit);
}
