using System.Globalization;
using System.Text;

namespace Ingest.Benchmarks;

/// <summary>News-shaped feeds of a chosen size: titles, HTML summaries and content, categories, dates.</summary>
internal static class SyntheticFeeds
{
    private const string Paragraph =
        "<p>Defence officials met in the capital on Tuesday to discuss the procurement plan, the air defence upgrade and the next rotation of troops, " +
        "while parliament scheduled a debate on the budget &amp; reserves for later in the week.</p>";

    public static byte[] Rss(int targetBytes)
    {
        var text = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>Bench</title><link>https://bench.example.test/</link><description>Synthetic</description>\n");
        for (var i = 0; text.Length < targetBytes; i++)
        {
            var date = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.FromHours(1)).AddMinutes(-i);
            text.Append(CultureInfo.InvariantCulture, $"<item><title>Story {i}: KFOR and the regional security outlook</title><link>https://bench.example.test/story/{i}</link>")
                .Append(CultureInfo.InvariantCulture, $"<guid>https://bench.example.test/story/{i}</guid><pubDate>{date:ddd, dd MMM yyyy HH:mm:ss} +0100</pubDate>")
                .Append("<category>Defence</category><dc:creator>Desk</dc:creator>")
                .Append("<description><![CDATA[").Append(Paragraph).Append("]]></description>")
                .Append("<content:encoded><![CDATA[").Append(Paragraph).Append(Paragraph).Append(Paragraph).Append("]]></content:encoded></item>\n");
        }

        return Encoding.UTF8.GetBytes(text.Append("</channel></rss>\n").ToString());
    }

    /// <summary>
    /// RSS as WordPress writes it: a short excerpt, then the whole article (about 6 KB of paragraphs, each on its
    /// own line) in <c>content:encoded</c>, so most of the document is content.
    /// </summary>
    public static byte[] ContentHeavyRss(int targetBytes)
    {
        var text = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n\t<title>Bench</title>\n\t<link>https://bench.example.test/</link>\n\t<description>Synthetic</description>\n");
        for (var i = 0; text.Length < targetBytes; i++)
        {
            var date = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.FromHours(1)).AddMinutes(-i);
            text.Append(CultureInfo.InvariantCulture, $"\t<item>\n\t\t<title>Story {i}: KFOR and the regional security outlook</title>\n\t\t<link>https://bench.example.test/{i}/story/</link>\n")
                .Append(CultureInfo.InvariantCulture, $"\t\t<dc:creator><![CDATA[Desk]]></dc:creator>\n\t\t<pubDate>{date:ddd, dd MMM yyyy HH:mm:ss} +0000</pubDate>\n")
                .Append("\t\t<category><![CDATA[Defence]]></category>\n")
                .Append(CultureInfo.InvariantCulture, $"\t\t<guid isPermaLink=\"false\">https://bench.example.test/?p={i}</guid>\n")
                .Append("\t\t<description><![CDATA[Defence officials met in the capital on Tuesday to discuss the procurement plan [&#8230;]]]></description>\n")
                .Append("\t\t<content:encoded><![CDATA[\n");
            for (var p = 0; p < 24; p++)
            {
                text.Append(Paragraph).Append('\n');
            }

            text.Append("]]></content:encoded>\n\t</item>\n");
        }

        return Encoding.UTF8.GetBytes(text.Append("</channel>\n</rss>\n").ToString());
    }

    public static byte[] Atom(int targetBytes)
    {
        var text = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Bench</title><id>urn:bench</id><updated>2026-11-22T10:00:00Z</updated><link href=\"https://bench.example.test/\"/>\n");
        for (var i = 0; text.Length < targetBytes; i++)
        {
            var date = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero).AddMinutes(-i);
            text.Append(CultureInfo.InvariantCulture, $"<entry><title>Story {i}: KFOR and the regional security outlook</title><id>urn:bench:{i}</id>")
                .Append(CultureInfo.InvariantCulture, $"<link href=\"https://bench.example.test/story/{i}\"/><published>{date:yyyy-MM-dd'T'HH:mm:ss'Z'}</published><updated>{date:yyyy-MM-dd'T'HH:mm:ss'Z'}</updated>")
                .Append("<author><name>Desk</name></author><category term=\"defence\"/>")
                .Append("<summary type=\"html\">").Append(System.Net.WebUtility.HtmlEncode(Paragraph)).Append("</summary>")
                .Append("<content type=\"html\">").Append(System.Net.WebUtility.HtmlEncode(Paragraph + Paragraph + Paragraph)).Append("</content></entry>\n");
        }

        return Encoding.UTF8.GetBytes(text.Append("</feed>\n").ToString());
    }
}
