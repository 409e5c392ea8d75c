using Ingest.Core.Feeds;
using Ingest.Testing;

namespace Ingest.Core.Tests.Feeds;

public sealed class FeedParserTests
{
    [Theory]
    [InlineData("<content:encoded xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">&lt;p&gt;The whole &lt;b&gt;report&lt;/b&gt;.&lt;/p&gt;</content:encoded>")]
    [InlineData("<body xmlns=\"http://www.w3.org/1999/xhtml\"><p>The whole <b>report</b>.</p></body>")]
    [InlineData("<fullitem>&lt;p&gt;The whole &lt;b&gt;report&lt;/b&gt;.&lt;/p&gt;</fullitem>")]
    public void The_whole_article_beside_a_description_is_the_items_content_and_the_description_its_summary(string content)
    {
        var text = $"<rss version=\"2.0\"><channel><item><title>t</title><description>A teaser.</description>{content}</item></channel></rss>";

        var item = Assert.Single(FeedParser.Parse(text).Items);

        Assert.Equal("A teaser.", item.Summary);
        Assert.Equal("<p>The whole <b>report</b>.</p>", item.Content);
    }

    [Fact]
    public void Rss_ttl_is_read_for_scheduling()
    {
        var feed = FeedParser.Parse(FeedFixtures.Bytes("rss20-basic.xml"));

        Assert.Equal(TimeSpan.FromMinutes(45), feed.TimeToLive);
    }

    [Theory]
    [InlineData("https://vesti.example.test/2026/11/kfor-rotation?id=7&lang=sr")]
    [InlineData("http://vesti.example.test:80/a")]
    [InlineData("https://vesti.example.test")]
    [InlineData("https://vesti.example.test/a/./b/../c")]
    [InlineData("https://vesti.example.test/%7Euser/%c4%8d")]
    [InlineData("https://vesti.example.test/a b|c")]
    [InlineData("https://вести.example.test/одбрана")]
    [InlineData("https://user@vesti.example.test/a")]
    public void Absolute_links_come_out_as_a_Uri_writes_them(string link)
    {
        var text = $"<rss version=\"2.0\"><channel><item><title>t</title><link>{System.Net.WebUtility.HtmlEncode(link)}</link></item></channel></rss>";

        var feed = FeedParser.Parse(text);

        Assert.Equal(new Uri(link).AbsoluteUri, feed.Items[0].Link);
    }

    [Theory]
    [InlineData("https://VESTI.example.test/Path", "https://VESTI.example.test/Path")]
    [InlineData("HTTPS://Vesti.Example.Test:443/a b", "https://Vesti.Example.Test/a%20b")]
    [InlineData("https://T/path", "https://T/path")]
    public void A_links_host_keeps_the_case_the_feed_wrote_it_in(string link, string expected)
    {
        var text = $"<rss version=\"2.0\"><channel><item><title>t</title><link>{link}</link></item></channel></rss>";

        Assert.Equal(expected, FeedParser.Parse(text).Items[0].Link);
    }

    [Theory]
    [InlineData("<tags>KFOR, Zvečan</tags>")]
    [InlineData("<keywords>KFOR,Zvečan</keywords>")]
    [InlineData("<category>KFOR</category><keywords>Zvečan</keywords>")]
    public void Tags_and_keywords_under_non_standard_names_are_categories(string elements)
    {
        var text = $"<rss version=\"2.0\"><channel><item><title>t</title>{elements}</item></channel></rss>";

        Assert.Equal(["KFOR", "Zvečan"], FeedParser.Parse(text).Items[0].Categories);
    }

    [Fact]
    public void An_item_with_a_hundred_thousand_tags_keeps_the_first_hundred()
    {
        var tags = string.Join(",", Enumerable.Range(0, 100_000).Select(i => $"tag{i}"));
        var text = $"<rss version=\"2.0\"><channel><item><title>t</title><keywords>{tags}</keywords></item></channel></rss>";

        var categories = FeedParser.Parse(text).Items[0].Categories;

        Assert.Equal(100, categories.Count);
        Assert.Equal("tag99", categories[^1]);
    }

    [Theory]
    [InlineData("<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>t</title><updated>2026-11-01T08:00:00Z</updated><updated>2026-11-22T10:15:00Z</updated></entry></feed>")]
    [InlineData("<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><entry><title>t</title><created>2026-11-01T08:00:00Z</created><created>2026-11-22T10:15:00Z</created><modified>2026-11-22T10:15:00Z</modified></entry></feed>")]
    [InlineData("<rss version=\"2.0\"><channel><item><title>t</title><pubDate>Sun, 01 Nov 2026 08:00:00 GMT</pubDate><pubDate>Sun, 22 Nov 2026 10:15:00 GMT</pubDate><pubDate>soon</pubDate></item></channel></rss>")]
    [InlineData("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><item rdf:about=\"https://desk.example.test/1\"><title>t</title><dc:date>2026-11-01T08:00:00Z</dc:date><dc:date>2026-11-22T10:15:00Z</dc:date></item></rdf:RDF>")]
    public void A_date_element_written_twice_counts_by_its_last_readable_value(string text)
    {
        var item = Assert.Single(FeedParser.Parse(text).Items);

        Assert.Equal(new DateTimeOffset(2026, 11, 22, 10, 15, 0, TimeSpan.Zero), item.Published ?? item.Updated);
    }

    [Theory]
    [InlineData("&lt;!' &lt;a href=\"https://desk.example.test/x\"&gt;link&lt;/a&gt;", "&lt;!' <a href=\"https://desk.example.test/x\">link</a>", "<!' link")]
    [InlineData("<![CDATA[Turnout < 40% <b>again</b>]]>", "Turnout &lt; 40% <b>again</b>", "Turnout < 40% again")]
    [InlineData("<![CDATA[<!-- note --><!DOCTYPE html><p>kept</p>]]>", "<!-- note --><!DOCTYPE html><p>kept</p>", "kept")]
    public void A_less_than_sign_that_opens_no_markup_stays_text_in_a_summary(string description, string summary, string text)
    {
        var feed = FeedParser.Parse($"<rss version=\"2.0\"><channel><item><title>t</title><description>{description}</description></item></channel></rss>");

        var item = Assert.Single(feed.Items);
        Assert.Equal(summary, item.Summary);
        Assert.Equal(text, Ingest.Core.Text.HtmlText.ToPlainText(item.Summary));
    }

    [Fact]
    public void Html_content_wrapped_in_an_xhtml_div_is_the_markup_the_div_holds()
    {
        const string text = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>t</title><content type=\"html\">\n  " +
            "<div xmlns=\"http://www.w3.org/1999/xhtml\">The &lt;b&gt;whole&lt;/b&gt; report</div>\n</content></entry></feed>";

        Assert.Equal("The <b>whole</b> report", Assert.Single(FeedParser.Parse(text).Items).Content);
    }

    [Theory]
    [InlineData("<title type=\"html\"><![CDATA[<img src=\"https://desk.example.test/map.png\" alt=\"Map of the <b>crossings</b>\">]]></title>")]
    [InlineData("<title type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\"><img src=\"map.png\" alt=\"Map of the &lt;b&gt;crossings&lt;/b&gt;\"/></div></title>")]
    public void A_title_that_is_only_an_image_is_the_images_alt_text(string title)
    {
        var feed = FeedParser.Parse($"<feed xmlns=\"http://www.w3.org/2005/Atom\">{title}<entry>{title}</entry></feed>");

        Assert.Equal("Map of the <b>crossings</b>", feed.Title);
        Assert.Equal("Map of the <b>crossings</b>", Assert.Single(feed.Items).Title);
    }

    [Theory]
    [InlineData("<description>A teaser.</description><summary>&lt;p&gt;The whole report.&lt;/p&gt;</summary>")]
    [InlineData("<summary>A teaser.</summary><description>&lt;p&gt;The whole report.&lt;/p&gt;</description>")]
    public void Beside_a_description_an_rss_summary_element_makes_the_later_of_the_two_the_content(string elements)
    {
        var item = Assert.Single(FeedParser.Parse($"<rss version=\"2.0\"><channel><item><title>t</title>{elements}</item></channel></rss>").Items);

        Assert.Equal("A teaser.", item.Summary);
        Assert.Equal("<p>The whole report.</p>", item.Content);
    }

    [Theory]
    [InlineData("<author>desk@vesti.example.test (Ana Petrović)</author>")]
    [InlineData("<author>Ana Petrović (desk@vesti.example.test)</author>")]
    [InlineData("<author>Ana Petrović &lt;desk@vesti.example.test&gt;</author>")]
    [InlineData("<dc:creator>Ana Petrović (desk@vesti.example.test)</dc:creator>")]
    [InlineData("<dc:author>Ana Petrović</dc:author>")]
    [InlineData("<itunes:author>Ana Petrović</itunes:author>")]
    [InlineData("<author>desk@vesti.example.test (Ana Petrović)</author><itunes:author>Ana Petrović</itunes:author>")]
    public void An_author_however_written_is_the_persons_name(string elements)
    {
        var text = "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:itunes=\"http://www.itunes.com/DTDs/Podcast-1.0.dtd\">" +
            $"<channel><item><title>t</title>{elements}</item></channel></rss>";

        Assert.Equal(["Ana Petrović"], Assert.Single(FeedParser.Parse(text).Items).Authors);
    }

    [Fact]
    public void A_bare_address_as_author_stays_as_written()
    {
        var text = "<rss version=\"2.0\"><channel><item><title>t</title><author>desk@vesti.example.test</author></item></channel></rss>";

        Assert.Equal(["desk@vesti.example.test"], Assert.Single(FeedParser.Parse(text).Items).Authors);
    }

    [Theory]
    [InlineData("<description><![CDATA[ <!DOCTYPE html><p>Kept</p>\n]]></description>", "<!DOCTYPE html><p>Kept</p>")]
    [InlineData("<body xmlns=\"http://www.w3.org/1999/xhtml\">\n  <p>Kept</p>\n</body>", "<p>Kept</p>")]
    public void Html_of_ordinary_length_comes_without_the_white_space_around_it(string element, string html)
    {
        var item = Assert.Single(FeedParser.Parse($"<rss version=\"2.0\"><channel><item><title>t</title>{element}</item></channel></rss>").Items);

        Assert.Equal(html, item.Summary ?? item.Content);
    }

    [Fact]
    public void A_feed_of_long_articles_costs_at_most_three_times_its_size_to_read()
    {
        var paragraph = "<p>The mission's engineers rebuilt the bridge approach near the crossing while patrols kept the road open.</p>\n";
        var items = string.Concat(Enumerable.Range(0, 150).Select(i =>
            $"<item>\n<title>Report {i}</title>\n<link>https://desk.example.test/{i}/</link>\n<description><![CDATA[A teaser [&#8230;]]]></description>\n" +
            $"<content:encoded><![CDATA[\n{string.Concat(Enumerable.Repeat(paragraph, 60))}]]></content:encoded>\n</item>\n"));
        var bytes = System.Text.Encoding.UTF8.GetBytes(
            $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>Desk</title>\n{items}</channel></rss>");
        FeedParser.Parse(bytes);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var feed = FeedParser.Parse(bytes);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(150, feed.Items.Count);
        Assert.StartsWith("\n<p>The mission's engineers", feed.Items[0].Content);
        Assert.True(allocated <= 3L * bytes.Length, $"{allocated:N0} bytes allocated for {bytes.Length:N0} bytes of feed");
    }

    [Fact]
    public void Relative_links_in_an_items_html_resolve_against_the_xml_base_in_scope_percent_encoding_what_is_not_ascii()
    {
        const string text = "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel xml:base=\"https://desk.example.test/news/\"><item><title>t</title>" +
            "<content:encoded><![CDATA[<a href=\"../maps/Zvečan most.html?a=1&amp;b=2\">map</a> <img src='/img/bridge.jpg' alt=\"\"> <a href=\"#notes\">notes</a> " +
            "<a href=\"mailto:desk@desk.example.test\">mail</a> <a href=\"https://other.example.test/x\">other</a>]]></content:encoded></item></channel></rss>";

        var content = Assert.Single(FeedParser.Parse(text).Items).Content;

        Assert.Equal(
            "<a href=\"https://desk.example.test/maps/Zve%C4%8Dan%20most.html?a=1&amp;b=2\">map</a> <img src=\"https://desk.example.test/img/bridge.jpg\" alt=\"\"> " +
            "<a href=\"#notes\">notes</a> <a href=\"mailto:desk@desk.example.test\">mail</a> <a href=\"https://other.example.test/x\">other</a>",
            content);
    }

    [Fact]
    public void Relative_links_in_atom_xhtml_and_in_a_feed_without_xml_base_resolve_too()
    {
        const string atom = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry xml:base=\"https://desk.example.test/2026/\"><title>t</title>" +
            "<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\"><a href=\"report.html\">report</a></div></content></entry></feed>";
        const string rss = "<rss version=\"2.0\"><channel><item><title>t</title><description>&lt;a href=\"/report.html\"&gt;report&lt;/a&gt;</description></item></channel></rss>";

        Assert.Equal("<a href=\"https://desk.example.test/2026/report.html\">report</a>", Assert.Single(FeedParser.Parse(atom).Items).Content);
        Assert.Equal(
            "<a href=\"https://feeds.example.test/report.html\">report</a>",
            Assert.Single(FeedParser.Parse(rss, new Uri("https://feeds.example.test/world/rss.xml")).Items).Summary);
    }

    [Theory]
    [InlineData("<link rel=\"alternate\" type=\"text/html\"/><link rel=\"alternate\" href=\"https://desk.example.test/report\"/>")]
    [InlineData("<link rel=\"enclosure\" type=\"audio/mpeg\">https://desk.example.test/report.mp3</link><link rel=\"alternate\" type=\"text/html\">https://desk.example.test/report</link>")]
    public void An_atom_link_without_an_href_gives_way_to_the_next_alternate_or_is_read_from_its_text(string links)
    {
        var entry = Assert.Single(FeedParser.Parse($"<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>t</title>{links}</entry></feed>").Items);

        Assert.Equal("https://desk.example.test/report", entry.Link);
        Assert.All(entry.Enclosures, e => Assert.Equal(("https://desk.example.test/report.mp3", "audio/mpeg"), (e.Url, e.MediaType)));
    }

    public static TheoryData<string> RefusedHostileFixtures =>
        [.. FeedFixtures.Names.Where(n => n.StartsWith("hostile-", StringComparison.Ordinal) && FeedFixtures.Expected(n)["error"] is not null)];

    [Theory]
    [MemberData(nameof(RefusedHostileFixtures))]
    public void Hostile_documents_are_refused_within_bounded_memory(string name)
    {
        var bytes = FeedFixtures.Bytes(name);
        var before = GC.GetAllocatedBytesForCurrentThread();

        Assert.Throws<FeedParseException>(() => FeedParser.Parse(bytes));

        // Billion laughs would expand to gigabytes and the quadratic blow-up to hundreds of megabytes; the cap is 1 M characters.
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 16 * 1024 * 1024, $"{name}: {allocated:N0} bytes allocated");
    }

    [Fact]
    public void Repair_reads_a_field_whose_unescaped_html_holds_another_field_start()
    {
        const string text = "<rss version=\"2.0\"><channel><title>Nested</title><item><title>One</title>" +
            "<description>Quoted <description>markup<br> inside</description></item>" +
            "<item><title>Two</title><description>Clean & short</description></item></channel></rss>";

        var feed = FeedParser.Parse(text);

        Assert.Equal(["One", "Two"], feed.Items.Select(i => i.Title));
        Assert.Contains("ill-formed XML", feed.Warnings[0]);
    }

    [Fact]
    public void Items_beyond_the_limit_are_dropped_with_a_warning()
    {
        var items = string.Concat(Enumerable.Range(0, 12).Select(i => $"<item><title>{i}</title></item>"));
        var text = $"<rss version=\"2.0\"><channel><title>Many</title>{items}</channel></rss>";

        var feed = FeedParser.Parse(text, options: new FeedParserOptions { MaxItems = 10 });

        Assert.Equal(10, feed.Items.Count);
        Assert.Contains("feed has 12 items; kept the first 10", feed.Warnings);
    }

    [Fact]
    public void A_document_over_the_size_limit_is_refused_before_parsing()
    {
        var text = "<rss version=\"2.0\"><channel><title>" + new string('x', 2_000) + "</title></channel></rss>";

        var error = Assert.Throws<FeedParseException>(() => FeedParser.Parse(text, options: new FeedParserOptions { MaxDocumentChars = 1_000 }));

        Assert.Equal(FeedParseFailure.TooLarge, error.Failure);
    }

    [Fact]
    public void Deeply_nested_json_is_refused()
    {
        var text = "{\"version\":\"https://jsonfeed.org/version/1.1\",\"x\":" + new string('[', 200) + new string(']', 200) + "}";

        var error = Assert.Throws<FeedParseException>(() => FeedParser.Parse(text));

        Assert.Equal(FeedParseFailure.TooLarge, error.Failure);
    }
}
