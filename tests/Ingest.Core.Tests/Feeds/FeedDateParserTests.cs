using System.Globalization;
using Ingest.Core.Feeds.Dates;

namespace Ingest.Core.Tests.Feeds;

public sealed class FeedDateParserTests
{
    [Theory]
    [InlineData("Sun, 22 Nov 2026 10:15:00 +0100", "2026-11-22T09:15:00Z")]
    [InlineData("Sun, 22 Nov 99 10:15 GMT", "1999-11-22T10:15:00Z")]
    [InlineData("Sun, 22 Nov 49 10:15 GMT", "2049-11-22T10:15:00Z")]
    [InlineData("22 November 2026 10:15:30 PST", "2026-11-22T18:15:30Z")]
    [InlineData("Sun, 22 Nov 2026 10:15:00 M", "2026-11-21T22:15:00Z")]
    [InlineData("Sun, 22 Nov 2026 10:15:00 Etc/GMT", "2026-11-22T10:15:00Z")]
    [InlineData("Sun, 22 Nov 2026 10:15:00 Etc/UTC", "2026-11-22T10:15:00Z")]
    [InlineData("Sun, 22 Nov 2026 10:15:00 Etc/GMT+5", "2026-11-22T15:15:00Z")]
    [InlineData("Sun, 22 Nov 2026 10:15:00 Etc/GMT-1", "2026-11-22T09:15:00Z")]
    [InlineData("Sun, 22 Nov 2026 10:15:00 Y", "2026-11-22T22:15:00Z")]
    [InlineData("Nov 22, 2026 3:05 PM +0000", "2026-11-22T15:05:00Z")]
    [InlineData("2026-11-22T24:00:00Z", "2026-11-23T00:00:00Z")]
    [InlineData("2026-11-22t10:15:00.5z", "2026-11-22T10:15:00.5Z")]
    [InlineData("22. siječnja 2026. 10:15 +0100", "2026-01-22T09:15:00Z")]
    [InlineData("22. фебруар 2026. 10:15 +0100", "2026-02-22T09:15:00Z")]
    [InlineData("e hënë, 22 qershor 2026 10:15 +0200", "2026-06-22T08:15:00Z")]
    [InlineData("14/11/2026 10:15 +0100", "2026-11-14T09:15:00Z")]
    [InlineData("11/14/2026 10:15 +0100", "2026-11-14T09:15:00Z")]
    [InlineData("Tue, 01 Dec 2026 08:00:00 EST", "2026-12-01T13:00:00Z")]
    [InlineData("Tue, 01 Dec 2026 08:00:00 EDT", "2026-12-01T12:00:00Z")]
    [InlineData("Tue, 01 Dec 2026 08:00:00 AT", "2026-12-01T12:00:00Z")]
    [InlineData("Tue, 01 Dec 2026 08:00:00 ET", "2026-12-01T13:00:00Z")]
    [InlineData("Tue, 01 Dec 2026 08:00:00 CT", "2026-12-01T14:00:00Z")]
    [InlineData("Tue, 01 Dec 2026 08:00:00 MT", "2026-12-01T15:00:00Z")]
    [InlineData("Tue, 01 Dec 2026 08:00:00 PT", "2026-12-01T16:00:00Z")]
    [InlineData("2003", "2003-01-01T00:00:00Z")]
    [InlineData("2003-12", "2003-12-01T00:00:00Z")]
    [InlineData("20031231", "2003-12-31T00:00:00Z")]
    [InlineData("2003-12-31T10:14Z", "2003-12-31T10:14:00Z")]
    [InlineData("20031231T101455Z", "2003-12-31T10:14:55Z")]
    [InlineData("03-12-31", "2003-12-31T00:00:00Z")]
    [InlineData("2003-335", "2003-12-01T00:00:00Z")]
    [InlineData("2004366", "2004-12-31T00:00:00Z")]
    [InlineData("031231", "2003-12-31T00:00:00Z")]
    [InlineData("Σάβ, 05 Δεκ 2026 10:15:00 +0200", "2026-12-05T08:15:00Z")]
    [InlineData("Σάββατο, 5 Δεκεμβρίου 2026 10:15 +0200", "2026-12-05T08:15:00Z")]
    [InlineData("5 декември 2026 10:15 +0100", "2026-12-05T09:15:00Z")]
    [InlineData("5 Aralık 2026 10:15 +0300", "2026-12-05T07:15:00Z")]
    [InlineData("2026-december-05T10:15+01:00", "2026-12-05T09:15:00Z")]
    [InlineData("5. junij 2026 10:15 +0200", "2026-06-05T08:15:00Z")]
    [InlineData("-2611", "2026-11-01T00:00:00Z")]
    [InlineData("-26-11", "2026-11-01T00:00:00Z")]
    [InlineData("26326", "2026-11-22T00:00:00Z")]
    [InlineData("26-326", "2026-11-22T00:00:00Z")]
    [InlineData("2026-011-22T10:15:00+01:00", "2026-11-22T09:15:00Z")]
    [InlineData("99-06-15T08:30:00+02:00", "1999-06-15T06:30:00Z")]
    [InlineData("Monday, 22nd of June 2026 10:15 +0000", "2026-06-22T10:15:00Z")]
    public void Reads_every_form_feeds_use(string text, string expected)
    {
        var date = FeedDateParser.Parse(text);

        Assert.Equal(DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture), date.Value);
        Assert.Null(date.Warning);
    }

    [Theory]
    [InlineData("tomorrow", "is not a date")]
    [InlineData("30 Feb 2026 10:00 +0000", "is not a real date")]
    [InlineData("05/06/2026 10:00 +0000", "ambiguous")]
    [InlineData("Sun, 22 Nov 2026 10:15:00 QQQ", "unknown time zone")]
    [InlineData("2026-11-22T10:15:00+25:00", "unknown time zone")]
    [InlineData("Sun, 22 Nov 2026 13:15 PM +0000", "impossible hour")]
    [InlineData("2013-01-27-01", "fits no part")]
    [InlineData("2026-11-22T10:15:00Z and then some", "not part of a date")]
    [InlineData("22 Nov 2026 10:15 +0000 (edited twice)", "not part of a date")]
    [InlineData("2026-11-22T25:00:00Z", "not a real date or time")]
    [InlineData("2003-13", "not a real date")]
    [InlineData("2003-366", "not a real date")]
    [InlineData("-2613", "not a real date")]
    [InlineData("26366", "not a real date")]
    [InlineData("22 Nov 20261234567890 10:15 +0000", "fits no part")]
    [InlineData("99999999999:00 22 Nov 2026", "fits no part")]
    public void Never_guesses_a_date_it_cannot_read_for_certain(string text, string reason)
    {
        var date = FeedDateParser.Parse(text);

        Assert.Null(date.Value);
        Assert.Contains(reason, date.Warning);
    }

    [Fact]
    public void A_time_without_a_zone_is_read_as_utc_and_says_so()
    {
        var date = FeedDateParser.Parse("22.11.2026 10:15");

        Assert.Equal(new DateTimeOffset(2026, 11, 22, 10, 15, 0, TimeSpan.Zero), date.Value);
        Assert.Contains("no time zone", date.Warning);
    }
}
