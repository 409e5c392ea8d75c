namespace Ingest.Core.Feeds.Dates;

/// <summary>
/// The two forms nearly every feed date takes, read without allocating: RFC 3339 (<c>2026-11-22T10:15:00Z</c>,
/// with fraction or numeric offset) and RFC 1123 (<c>Sun, 22 Nov 2026 10:15:00 +0100</c>, with GMT/UT/UTC/Z).
/// Anything else, including every edge these forms allow (24:00, leap seconds), is left to the general reader.
/// </summary>
internal static class CommonDateForms
{
    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset value) =>
        TryRfc3339(text, out value) || TryRfc1123(text, out value);

    private static bool TryRfc3339(ReadOnlySpan<char> s, out DateTimeOffset value)
    {
        value = default;
        if (s.Length < 20 || s[4] != '-' || s[7] != '-' || s[10] is not ('T' or 't') || s[13] != ':' || s[16] != ':'
            || !Digits(s[..4], out var year) || !Digits(s.Slice(5, 2), out var month) || !Digits(s.Slice(8, 2), out var day)
            || !Digits(s.Slice(11, 2), out var hour) || !Digits(s.Slice(14, 2), out var minute) || !Digits(s.Slice(17, 2), out var second))
        {
            return false;
        }

        var rest = s[19..];
        long ticks = 0;
        if (rest.Length > 0 && rest[0] is '.' or ',')
        {
            var digits = rest[1..];
            var length = digits.IndexOfAnyExceptInRange('0', '9');
            length = length < 0 ? digits.Length : length;
            if (length == 0 || length > 9)
            {
                return false;
            }

            ticks = FeedDateParser.FractionTicks(digits[..length]);
            rest = digits[length..];
        }

        TimeSpan offset;
        if (rest is ['Z' or 'z'])
        {
            offset = TimeSpan.Zero;
        }
        else if (rest.Length == 6 && rest[0] is '+' or '-' && rest[3] == ':' && Digits(rest.Slice(1, 2), out var oh) && Digits(rest.Slice(4, 2), out var om))
        {
            if (!Offset(rest[0], oh, om, out offset))
            {
                return false;
            }
        }
        else
        {
            return false;
        }

        return Build(year, month, day, hour, minute, second, ticks, offset, out value);
    }

    private static bool TryRfc1123(ReadOnlySpan<char> s, out DateTimeOffset value)
    {
        value = default;
        if (s.Length > 5 && char.IsAsciiLetter(s[0]) && char.IsAsciiLetter(s[1]) && char.IsAsciiLetter(s[2]) && s[3] == ',' && s[4] == ' ')
        {
            s = s[5..];
        }

        var dayLength = s.Length > 1 && char.IsAsciiDigit(s[1]) ? 2 : 1;
        if (s.Length < dayLength + 21 || !Digits(s[..dayLength], out var day) || s[dayLength] != ' ')
        {
            return false;
        }

        s = s[(dayLength + 1)..];
        if (s[3] != ' ' || !Month(s[..3], out var month) || !Digits(s.Slice(4, 4), out var year) || s[8] != ' '
            || !Digits(s.Slice(9, 2), out var hour) || s[11] != ':' || !Digits(s.Slice(12, 2), out var minute))
        {
            return false;
        }

        s = s[14..];
        var second = 0;
        if (s.Length > 0 && s[0] == ':')
        {
            if (s.Length < 3 || !Digits(s.Slice(1, 2), out second))
            {
                return false;
            }

            s = s[3..];
        }

        if (s.Length < 2 || s[0] != ' ')
        {
            return false;
        }

        var zone = s[1..];
        TimeSpan offset;
        if (zone.Length == 5 && zone[0] is '+' or '-' && Digits(zone.Slice(1, 2), out var oh) && Digits(zone.Slice(3, 2), out var om))
        {
            if (!Offset(zone[0], oh, om, out offset))
            {
                return false;
            }
        }
        else if (zone is "GMT" or "UT" or "UTC" or "Z")
        {
            offset = TimeSpan.Zero;
        }
        else
        {
            return false;
        }

        return Build(year, month, day, hour, minute, second, 0, offset, out value);
    }

    private static bool Build(int year, int month, int day, int hour, int minute, int second, long ticks, TimeSpan offset, out DateTimeOffset value)
    {
        value = default;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        value = new DateTimeOffset(year, month, day, hour, minute, second, offset).AddTicks(ticks).ToUniversalTime();
        return true;
    }

    private static bool Offset(char sign, int hours, int minutes, out TimeSpan offset)
    {
        offset = TimeSpan.FromMinutes((hours * 60 + minutes) * (sign == '-' ? -1 : 1));
        return hours <= 14 && minutes < 60;
    }

    private static bool Digits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }

    private static bool Month(ReadOnlySpan<char> s, out int month)
    {
        Span<char> lower = stackalloc char[3];
        s.ToLowerInvariant(lower);
        month = lower switch
        {
            "jan" => 1,
            "feb" => 2,
            "mar" => 3,
            "apr" => 4,
            "may" => 5,
            "jun" => 6,
            "jul" => 7,
            "aug" => 8,
            "sep" => 9,
            "oct" => 10,
            "nov" => 11,
            "dec" => 12,
            _ => 0,
        };
        return month > 0;
    }
}
