namespace Ingest.Core.Feeds.Dates;

/// <summary>
/// Zone names RFC 822 allows (UT, GMT, the North American zones and the military letters), plus the
/// abbreviations European and Balkan sites put in their feeds anyway. Offsets in minutes east of UTC.
/// </summary>
internal static class TimeZoneAbbreviations
{
    private static readonly Dictionary<string, int> Offsets = Build();

    public static bool TryGet(string name, out TimeSpan offset)
    {
        if (Offsets.TryGetValue(name.ToUpperInvariant(), out var minutes))
        {
            offset = TimeSpan.FromMinutes(minutes);
            return true;
        }

        offset = default;
        return false;
    }

    private static Dictionary<string, int> Build()
    {
        var offsets = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["UT"] = 0, ["UTC"] = 0, ["GMT"] = 0, ["Z"] = 0, ["WET"] = 0, ["BST"] = 60, ["WEST"] = 60, ["IST"] = 60,
            ["CET"] = 60, ["MET"] = 60, ["CEST"] = 120, ["MEST"] = 120, ["EET"] = 120, ["EEST"] = 180, ["MSK"] = 180, ["TRT"] = 180,
            ["EST"] = -300, ["EDT"] = -240, ["CST"] = -360, ["CDT"] = -300, ["MST"] = -420, ["MDT"] = -360,
            ["PST"] = -480, ["PDT"] = -420, ["AKST"] = -540, ["AKDT"] = -480, ["HST"] = -600,
            ["AST"] = -240, ["ADT"] = -180, ["NST"] = -210, ["NDT"] = -150,
        };

        // Military zones: A–I are +1..+9, K–M +10..+12 (J is unused), N–Y are −1..−12. RFC 822 had the signs
        // backwards and RFC 2822 says to treat them as unknown, but feeds that use them mean the military sense.
        for (var c = 'A'; c <= 'I'; c++)
        {
            offsets[c.ToString()] = (c - 'A' + 1) * 60;
        }

        for (var c = 'K'; c <= 'M'; c++)
        {
            offsets[c.ToString()] = (c - 'K' + 10) * 60;
        }

        for (var c = 'N'; c <= 'Y'; c++)
        {
            offsets[c.ToString()] = -(c - 'N' + 1) * 60;
        }

        // The short North American forms (AT, ET, CT, MT, PT) name a zone without saying standard or daylight;
        // they are read as standard time, as RFC 822 readers have long done.
        offsets["AT"] = -240;
        offsets["ET"] = -300;
        offsets["CT"] = -360;
        offsets["MT"] = -420;
        offsets["PT"] = -480;
        return offsets;
    }
}
