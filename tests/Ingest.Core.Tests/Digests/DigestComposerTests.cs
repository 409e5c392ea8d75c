using Ingest.Core.Digests;
using Ingest.Core.Polling;
using Ingest.Core.Subscriptions;
using Ingest.Core.Topics;

namespace Ingest.Core.Tests.Digests;

public sealed class DigestComposerTests
{
    private static readonly Subscriber Reader = new("s1", "reader@example.org", SubscriberStatus.Active, ["kfor", "arms"], Frequency.Daily, 7, "Europe/Belgrade", DayOfWeek.Monday, null, DateTimeOffset.UnixEpoch);
    private static readonly DigestPeriod Period = new("s1", "d-2026-11-22", new DateTimeOffset(2026, 11, 21, 6, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 22, 6, 0, 0, TimeSpan.Zero));
    private static readonly Dictionary<string, string> Titles = new() { ["kfor"] = "KFOR", ["arms"] = "Arms deals" };
    private static readonly Uri Unsubscribe = new("https://ingest.example/api/subscriptions/unsubscribe?token=u.s1.1.sig");

    private static StoredHit Hit(string topic, string key, string title, string feed, double score, string? snippet = null, string url = "https://news.example/a") =>
        new(topic, key, title, url, feed, Period.Start.AddHours(3), score, [new MatchedTerm("KFOR", 2), new MatchedTerm("HQ-22 ~ Serbia", 1)], snippet);

    [Fact]
    public void Topics_come_best_first_the_subject_counts_entries_and_the_same_story_from_two_feeds_is_one_entry()
    {
        var mail = DigestComposer.Compose(Reader, Period, [
            Hit("arms", "a1", "Serbia shows HQ-22 batteries", "wire", 9),
            Hit("kfor", "k1", "KFOR patrols the north", "wire", 15),
            Hit("kfor", "k2", "KFOR Patrols the North", "pristina", 11),
            Hit("kfor", "k3", "KFOR commander visits Zvečan", "wire", 8),
        ], Titles, Unsubscribe)!;

        Assert.Equal("3 new: KFOR, Arms deals — 22 Nov", mail.Subject);
        Assert.True(mail.Html.IndexOf("KFOR</h2>", StringComparison.Ordinal) < mail.Html.IndexOf("Arms deals</h2>", StringComparison.Ordinal));
        Assert.Contains("wire, also in pristina", mail.Html);
        Assert.Contains("* KFOR patrols the north", mail.Text);
        Assert.DoesNotContain("KFOR Patrols the North", mail.Text);
        Assert.Contains(Unsubscribe.AbsoluteUri, mail.Text);
        Assert.Equal("digest.s1.d-2026-11-22@ingest", mail.MessageId);
    }

    [Fact]
    public void Everything_from_a_feed_is_escaped_and_only_web_links_are_linked()
    {
        var mail = DigestComposer.Compose(Reader, Period, [
            Hit("kfor", "k1", "<script>alert('KFOR')</script> & more", "wire<b>", 10, "KFOR troops <img src=x onerror=alert(1)> moved", url: "javascript:alert(1)"),
        ], Titles, Unsubscribe)!;

        Assert.DoesNotContain("<script>", mail.Html);
        Assert.DoesNotContain("<img", mail.Html);
        Assert.DoesNotContain("javascript:", mail.Html);
        Assert.Contains("&lt;script&gt;alert(&#39;KFOR&#39;)&lt;/script&gt; &amp; more", mail.Html);
        Assert.Contains("wire&lt;b&gt;", mail.Html);
        Assert.Contains("<b>KFOR</b> troops &lt;img", mail.Html);
    }

    [Fact]
    public void No_hits_means_no_mail()
    {
        Assert.Null(DigestComposer.Compose(Reader, Period, [], Titles, Unsubscribe));
    }
}
