using System.Text;
using Ingest.Core.Model;
using Ingest.Core.Polling;

namespace Ingest.Core.Tests.Polling;

public sealed class OpmlCatalogTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);

    private static IReadOnlyList<CatalogEntry> Read(string opml) => OpmlCatalog.Read(Encoding.UTF8.GetBytes(opml), "OPML import of test.opml");

    [Fact]
    public void What_is_written_reads_back_as_the_same_feeds_grouped_by_country()
    {
        CatalogEntry[] entries =
        [
            new(new FeedRecord("harbour-news", "https://harbour.example/feed", "Harbour News & Views", "sr"), "https://harbour.example/", "RS", "typed in"),
            new(new FeedRecord("coast-desk", "https://coast.example/rss?x=1&y=2", "Обала <desk>", "mk"), null, "MK", "typed in"),
            new(new FeedRecord("wire", "https://wire.example/atom", null, "en"), null, null, null),
        ];

        var opml = OpmlCatalog.Write(entries, "Ingest", Now);
        var read = Read(opml);

        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", opml, StringComparison.Ordinal);
        Assert.Contains("<outline text=\"MK\">", opml, StringComparison.Ordinal);
        Assert.Equal(
            ["https://wire.example/atom", "https://coast.example/rss?x=1&y=2", "https://harbour.example/feed"],
            read.Select(e => e.Feed.Url));
        var coast = read.Single(e => e.Country == "MK");
        Assert.Equal(("Обала <desk>", "mk"), (coast.Feed.Title, coast.Feed.Language));
        Assert.Equal("https://harbour.example/", read.Single(e => e.Country == "RS").Home);
        Assert.All(read, e => Assert.Equal("OPML import of test.opml", e.Source));
        Assert.All(read, e => Assert.Matches("^[a-z0-9][a-z0-9-]{1,62}$", e.Feed.Id));
    }

    [Fact]
    public void A_readers_export_with_folders_odd_case_and_repeats_gives_each_http_feed_once()
    {
        var read = Read("""
            <?xml version="1.0"?>
            <opml version="1.0"><head><title>My feeds</title></head><body>
              <outline text="News">
                <outline text="Harbour" type="rss" xmlURL="https://harbour.example/feed" htmlUrl="https://harbour.example/"/>
                <outline text="Harbour again" type="rss" xmlUrl="https://harbour.example/feed"/>
                <outline text="Mail link" xmlUrl="mailto:someone@example.org"/>
              </outline>
              <outline title="XK"><outline text="Prishtina desk" xmlUrl="http://desk.example/rss" language="sq-AL"/></outline>
              <outline text="Harbour"  xmlUrl="https://other.example/feed"/>
            </body></opml>
            """);

        Assert.Equal(["harbour", "prishtina-desk", "harbour-2"], read.Select(e => e.Feed.Id));
        var desk = read[1];
        Assert.Equal(("XK", "sq"), (desk.Country, desk.Feed.Language));
        Assert.Null(read[0].Country);
    }

    [Theory]
    [InlineData("<rss version=\"2.0\"><channel/></rss>", "not an OPML file")]
    [InlineData("<opml><body><outline", "not well-formed")]
    [InlineData("<!DOCTYPE opml [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;\">]><opml><body><outline text=\"&b;\" xmlUrl=\"https://x.example/\"/></body></opml>", "not well-formed")]
    [InlineData("<!DOCTYPE opml SYSTEM \"http://127.0.0.1:9/evil.dtd\"><opml/>", "not well-formed")]
    public void What_is_not_opml_or_declares_entities_is_refused_with_a_reason(string text, string reason)
    {
        var error = Assert.Throws<FormatException>(() => Read(text));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_over_the_cap_is_refused_before_it_is_read() =>
        Assert.Throws<FormatException>(() => OpmlCatalog.Read(new byte[OpmlCatalog.MaxBytes + 1], "big"));
}
