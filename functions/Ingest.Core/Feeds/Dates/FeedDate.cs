using System.Globalization;
using System.Text.RegularExpressions;

namespace Ingest.Core.Feeds.Dates;

/// <summary>A parsed date, or null with the reason; a date read on an assumption carries a warning too.</summary>
public readonly record struct FeedDate(DateTimeOffset? Value, string? Warning);

/// <summary>
/// Reads the dates feeds really contain: RFC 822/1123 in all its variants (missing weekday or seconds,
/// two-digit years, full month names, zone names and military letters), ISO 8601/RFC 3339 variants, and
/// the local forms of the region's sites ("22. novembar 2026. u 10:15", "22.11.2026 10:15", "22 nëntor 2026",
/// "5 Δεκεμβρίου 2026"; the languages are those of <see cref="MonthNames"/>). Anything it cannot read for certain
/// is null with a reason, never a guessed date.
/// </summary>
public static partial class FeedDateParser
{
    public static FeedDate Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new FeedDate(null, null);
        }

        var input = text.Trim();
        if (CommonDateForms.TryParse(input, out var common))
        {
            return new FeedDate(common, null);
        }

        input = EtcZone(input);
        return Iso8601(input) ?? ShortIso8601(input) ?? Human(input);
    }

    /// <summary>
    /// A zone written as the tz database's <c>Etc/GMT</c>, <c>Etc/UTC</c> or <c>Etc/GMT+5</c>, rewritten as the
    /// offset it means. Those names keep the POSIX sign: <c>Etc/GMT+5</c> is five hours behind UTC, <c>-0500</c>.
    /// </summary>
    private static string EtcZone(string input)
    {
        var m = EtcZonePattern().Match(input);
        if (!m.Success)
        {
            return input;
        }

        var offset = m.Groups["h"].Success
            ? $"{(m.Groups["sign"].Value == "+" ? '-' : '+')}{int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture):00}00"
            : "+0000";
        return string.Concat(input.AsSpan(0, m.Index), offset);
    }

    [GeneratedRegex(@"Etc/(?:GMT|UTC|UCT|Greenwich|Universal|Zulu)(?:(?<sign>[+-])(?<h>1[0-4]|0?\d))?$", RegexOptions.IgnoreCase)]
    private static partial Regex EtcZonePattern();

    /// <summary>
    /// The reduced and truncated forms of W3C-DTF and ISO 8601: a year or a year and month alone (the first
    /// instant of that period, also with the century left out: <c>-0312</c> and <c>-03-12</c> are December 2003),
    /// ordinal dates (<c>2003-335</c> and <c>03335</c>, the 335th day), and two-digit years in the ISO order
    /// (<c>03-12-31</c>, <c>031231</c> are 31 December 2003). Two-digit years follow <see cref="TwoDigitYear"/>.
    /// </summary>
    private static FeedDate? ShortIso8601(string input)
    {
        var reduced = ReducedPattern().Match(input);
        if (reduced.Success)
        {
            var year = reduced.Groups["y"].Success ? Int(reduced, "y") : TwoDigitYear(Int(reduced, "yy"), "00");
            return Build(year, reduced.Groups["mo"].Success ? Int(reduced, "mo") : 1, 1, 0, 0, 0, 0, TimeSpan.Zero, input);
        }

        var ordinal = OrdinalPattern().Match(input);
        if (ordinal.Success)
        {
            var year = ordinal.Groups["y"].Success ? Int(ordinal, "y") : TwoDigitYear(Int(ordinal, "yy"), "00");
            var dayOfYear = Int(ordinal, "doy");
            return dayOfYear >= 1 && dayOfYear <= (DateTime.IsLeapYear(year) ? 366 : 365)
                ? new FeedDate(new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(dayOfYear - 1), null)
                : new FeedDate(null, $"'{input}' is not a real date or time");
        }

        var shortYear = TwoDigitYearPattern().Match(input);
        if (!shortYear.Success)
        {
            return null;
        }

        var fullYear = $"{TwoDigitYear(Int(shortYear, "yy"), "00")}-{shortYear.Groups["mo"].Value}-{shortYear.Groups["d"].Value}{shortYear.Groups["rest"].Value}";
        return Iso8601(fullYear) ?? new FeedDate(null, $"'{input}' is not a date");
    }

    /// <summary>ISO 8601 and RFC 3339 with or without separators; a month written with a leading zero too many (<c>2003-012-31</c>) is read.</summary>
    private static FeedDate? Iso8601(string input)
    {
        var m = IsoPattern().Match(input);
        if (!m.Success)
        {
            return null;
        }

        var hasTime = m.Groups["h"].Success;
        TimeSpan offset = default;
        var zone = m.Groups["z"].Value;
        if (zone.Length > 0 && !TryOffset(zone, out offset))
        {
            return new FeedDate(null, $"'{input}' has an unknown time zone");
        }

        var fraction = m.Groups["f"].Success ? FractionTicks(m.Groups["f"].ValueSpan) : 0;
        var date = Build(
            Int(m, "y"), Int(m, "mo"), Int(m, "d"),
            hasTime ? Int(m, "h") : 0, hasTime ? Int(m, "mi") : 0, m.Groups["s"].Success ? Int(m, "s") : 0,
            fraction, offset, input);
        if (date.Value is not null && zone.Length == 0 && hasTime)
        {
            return date with { Warning = $"'{input}' has no time zone; read as UTC" };
        }

        return date;
    }

    private static FeedDate Human(string input)
    {
        int? day = null, month = null, year = null, hour = null, minute = null, second = null;
        long fraction = 0;
        TimeSpan? offset = null;
        var afterTime = false;
        var pm = (bool?)null;
        string? strayWord = null;

        foreach (Match token in TokenPattern().Matches(input))
        {
            if (token.Groups["time"].Success)
            {
                var parts = token.Groups["time"].Value.Split(':');
                hour = Int(parts[0]);
                minute = Int(parts[1]);
                if (parts.Length > 2)
                {
                    var seconds = parts[2].Split('.', ',');
                    second = Int(seconds[0]);
                    fraction = seconds.Length > 1 ? FractionTicks(seconds[1]) : 0;
                }

                afterTime = true;
            }
            else if (token.Groups["offset"].Success)
            {
                if (!TryOffset(token.Groups["offset"].Value, out var parsed))
                {
                    return new FeedDate(null, $"'{input}' has an impossible time zone offset");
                }

                offset = parsed;
            }
            else if (token.Groups["dmy"].Success)
            {
                var parts = token.Groups["dmy"].Value.Split('.', '/', '-');
                var (a, b, c) = (Int(parts[0]), Int(parts[1]), Int(parts[2]));
                if (parts[0].Length == 4)
                {
                    (year, month, day) = (a, b, c);
                }
                else if (token.Value.Contains('/') && a <= 12 && b <= 12 && a != b)
                {
                    // 03/04/2026 is March in one country and April in the next.
                    return new FeedDate(null, $"'{input}' is ambiguous (day/month or month/day)");
                }
                else if (token.Value.Contains('/') && b > 12)
                {
                    (month, day, year) = (a, b, TwoDigitYear(c, parts[2]));
                }
                else
                {
                    (day, month, year) = (a, b, TwoDigitYear(c, parts[2]));
                }
            }
            else if (token.Groups["num"].Success)
            {
                var value = Int(token.Groups["num"].Value);
                if (token.Groups["num"].Value.Length == 4)
                {
                    year = value;
                }
                else if (day is null && token.Groups["num"].Value.Length <= 2)
                {
                    day = value;
                }
                else if (year is null && token.Groups["num"].Value.Length == 2)
                {
                    year = TwoDigitYear(value, token.Groups["num"].Value);
                }
                else
                {
                    return new FeedDate(null, $"'{input}' has a number that fits no part of a date");
                }
            }
            else
            {
                var word = token.Groups["word"].Value;
                if (MonthNames.TryGet(word, out var m) && month is null)
                {
                    month = m;
                }
                else if (word.Equals("pm", StringComparison.OrdinalIgnoreCase) || word.Equals("am", StringComparison.OrdinalIgnoreCase))
                {
                    pm = word.Equals("pm", StringComparison.OrdinalIgnoreCase);
                }
                else if (afterTime && offset is null && TimeZoneAbbreviations.TryGet(word, out var zone))
                {
                    offset = zone;
                }
                else if (afterTime && offset is null && word.Length <= 5 && word.All(char.IsAsciiLetterUpper))
                {
                    return new FeedDate(null, $"'{input}' has an unknown time zone '{word}'");
                }

                else if (!DateWords.IsFiller(word))
                {
                    strayWord ??= word;
                }

                // A weekday is never trusted over the date.
            }
        }

        if (day is null || month is null || year is null)
        {
            return new FeedDate(null, $"'{input}' is not a date");
        }

        if (strayWord is not null)
        {
            return new FeedDate(null, $"'{input}' has words that are not part of a date ('{strayWord}')");
        }

        if (pm is not null && hour is { } h12)
        {
            if (h12 is < 1 or > 12)
            {
                return new FeedDate(null, $"'{input}' has an impossible hour");
            }

            hour = (h12 % 12) + (pm.Value ? 12 : 0);
        }

        var date = Build(year.Value, month.Value, day.Value, hour ?? 0, minute ?? 0, second ?? 0, fraction, offset ?? TimeSpan.Zero, input);
        return date.Value is not null && offset is null && hour is not null
            ? date with { Warning = $"'{input}' has no time zone; read as UTC" }
            : date;
    }

    /// <summary>The ticks a decimal fraction of a second stands for; digits past the seventh are below a tick.</summary>
    internal static long FractionTicks(ReadOnlySpan<char> digits)
    {
        long ticks = 0;
        for (var i = 0; i < 7; i++)
        {
            ticks = (ticks * 10) + (i < digits.Length ? digits[i] - '0' : 0);
        }

        return ticks;
    }

    private static FeedDate Build(int year, int month, int day, int hour, int minute, int second, long fraction, TimeSpan offset, string input)
    {
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Clamp(year, 1, 9999), month) || year is < 1 or > 9999
            || hour > 24 || minute > 59 || second > 60 || (hour == 24 && (minute > 0 || second > 0)))
        {
            return new FeedDate(null, $"'{input}' is not a real date or time");
        }

        // 24:00 is midnight at the end of the day; a leap second is read as the second before it.
        var value = new DateTimeOffset(year, month, day, hour % 24, minute, Math.Min(second, 59), offset)
            .AddDays(hour == 24 ? 1 : 0)
            .AddTicks(fraction);
        return new FeedDate(value.ToUniversalTime(), null);
    }

    private static bool TryOffset(string zone, out TimeSpan offset)
    {
        if (zone[0] is '+' or '-')
        {
            var digits = zone[1..].Replace(":", "", StringComparison.Ordinal);
            var hours = Int(digits[..2]);
            var minutes = digits.Length >= 4 ? Int(digits[2..4]) : 0;
            offset = TimeSpan.FromMinutes((hours * 60 + minutes) * (zone[0] == '-' ? -1 : 1));
            return hours <= 14 && minutes < 60;
        }

        return TimeZoneAbbreviations.TryGet(zone, out offset);
    }

    /// <summary>RFC 2822 §4.3: two-digit years 00–49 are 2000–2049, 50–99 are 1950–1999.</summary>
    private static int TwoDigitYear(int value, string digits) =>
        digits.Length > 2 ? value : value < 50 ? 2000 + value : 1900 + value;

    private static int Int(Match m, string group) => Int(m.Groups[group].Value);

    /// <summary>Digits as a number; a run too long for any part of a date comes out as one no check lets through.</summary>
    private static int Int(string digits) =>
        int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : int.MaxValue;

    [GeneratedRegex(@"^(?<y>\d{4})(?:-0?(?<mo>\d{2})-?|(?<mo>\d{2})-?)(?<d>\d{2})(?:[Tt ](?<h>\d{2}):?(?<mi>\d{2})(?::?(?<s>\d{2})(?:[.,](?<f>\d{1,9}))?)?\s*(?<z>[Zz]|[+-]\d{2}(?::?\d{2})?|UTC|GMT)?)?$")]
    private static partial Regex IsoPattern();

    [GeneratedRegex(@"^(?:(?<y>\d{4})(?:-(?<mo>\d{2}))?|-(?<yy>\d{2})-?(?<mo>\d{2}))$")]
    private static partial Regex ReducedPattern();

    [GeneratedRegex(@"^(?:(?<y>[1-9]\d{3})|(?<yy>\d{2}))-?(?<doy>\d{3})$")]
    private static partial Regex OrdinalPattern();

    [GeneratedRegex(@"^(?<yy>\d{2})(?:-(?<mo>\d{2})-(?<d>\d{2})|(?<mo>\d{2})(?<d>\d{2}))(?<rest>[Tt].*)?$")]
    private static partial Regex TwoDigitYearPattern();

    [GeneratedRegex(@"(?<time>\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?)|(?<offset>[+-]\d{2}:?\d{2}\b)|(?<dmy>\d{1,4}[./-]\d{1,2}[./-]\d{2,4})|(?<num>\d+)|(?<word>\p{L}+)")]
    private static partial Regex TokenPattern();
}
