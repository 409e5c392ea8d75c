using Ingest.Core.Deliveries;
using Ingest.Core.Model;
using Ingest.Core.Topics;

namespace Ingest.Views.Tests;

public sealed class DigestMailTests
{
    private static readonly Subscriber Reader = new("s1", "reader@example.org", SubscriberStatus.Active, ["kfor", "arms"], Frequency.Daily, 7, "Europe/Belgrade", DayOfWeek.Monday, null, DateTimeOffset.UnixEpoch);
    private static readonly DigestPeriod Period = new("s1", "d-2026-11-22", new DateTimeOffset(2026, 11, 21, 6, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 22, 6, 0, 0, TimeSpan.Zero));
    private static readonly Dictionary<string, string> Titles = new() { ["kfor"] = "KFOR", ["arms"] = "Arms deals" };
    private static readonly Uri Unsubscribe = new("https://ingest.example/api/subscriptions/unsubscribe?token=u.s1.1.sig");
    private static readonly Uri Preferences = new("https://ingest.example/api/subscriptions/preferences?token=p.s1.1.sig");

    private static StoredHit Hit(string topic, string key, string title, string feed, double score, string? snippet = null, string url = "https://news.example/a") =>
        new(topic, key, title, url, feed, Period.Start.AddHours(3), score, [new MatchedTerm("KFOR", 2), new MatchedTerm("HQ-22 ~ Serbia", 1)], snippet);

    private static Task<Core.Mail.OutgoingMail> RenderAsync(Subscriber subscriber, params StoredHit[] hits) =>
        Views.Mail.DigestAsync(DigestComposer.Compose(subscriber, Period, hits, Titles, Unsubscribe, Preferences)!, CancellationToken.None);

    [Fact]
    public async Task Topics_come_best_first_the_subject_counts_entries_and_the_same_story_from_two_feeds_is_one_entry_listing_both()
    {
        var mail = await RenderAsync(Reader,
            Hit("arms", "a1", "Serbia shows HQ-22 batteries", "wire", 9),
            Hit("kfor", "k1", "KFOR patrols the north", "wire", 15),
            Hit("kfor", "k2", "KFOR Patrols the North", "pristina", 11),
            Hit("kfor", "k3", "KFOR commander visits Zvečan", "wire", 8));

        Assert.Equal("3 new: KFOR, Arms deals — 22 Nov", mail.Subject);
        Assert.True(mail.Html.IndexOf("KFOR</h2>", StringComparison.Ordinal) < mail.Html.IndexOf("Arms deals</h2>", StringComparison.Ordinal));
        Assert.Contains("wire, also reported by pristina", mail.Html);
        Assert.Contains("KFOR commander visits Zvečan", mail.Html);
        Assert.Contains("* KFOR patrols the north <https://news.example/a>", mail.Text);
        // The second report is listed under the first, not as an entry of its own.
        Assert.DoesNotContain("* KFOR Patrols the North", mail.Text);
        Assert.Contains("2 reports from 2 outlets:\n  KFOR Patrols the North <https://news.example/a>", mail.Text);
        Assert.Contains($"unsubscribe <{Unsubscribe.AbsoluteUri}>", mail.Text);
        Assert.Contains($"Change what you get <{Preferences.AbsoluteUri}>", mail.Text);
        Assert.Equal("digest.s1.d-2026-11-22@ingest", mail.MessageId);
        Assert.Equal("reader@example.org", mail.To);
    }

    [Fact]
    public async Task The_text_part_reads_like_the_html_one_topic_headings_underlined_each_story_a_bullet_with_its_details_indented()
    {
        var mail = await RenderAsync(Reader, Hit("kfor", "k1", "KFOR patrols the north", "wire", 15, "KFOR troops patrolled near Zvečan."));

        var lines = mail.Text.Split('\n');
        var heading = Array.IndexOf(lines, "KFOR");
        Assert.True(heading > 0, mail.Text);
        Assert.Equal("====", lines[heading + 1]);
        Assert.Equal("* KFOR patrols the north <https://news.example/a>", lines[heading + 2]);
        Assert.Equal("  wire · 21 Nov 10:00 · score 15", lines[heading + 3]);
        Assert.Equal("  KFOR troops patrolled near Zvečan.", lines[heading + 4]);
        Assert.Equal("  Why: KFOR ×2, HQ-22 ~ Serbia", lines[heading + 5]);
        Assert.Equal("1 new: KFOR — 22 Nov", lines[0]);
        Assert.DoesNotContain("<b>", mail.Text);
        Assert.DoesNotContain("&amp;", mail.Text);
    }

    [Fact]
    public async Task An_alert_says_it_is_an_alert()
    {
        var mail = await RenderAsync(Reader with { Frequency = Frequency.Immediate }, Hit("kfor", "k1", "KFOR patrols the north", "wire", 15));

        Assert.Contains("You get these alerts from Ingest as matching articles arrive.", mail.Text);
        Assert.DoesNotContain("digest", mail.Text.Split('\n')[^2], StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Everything_from_a_feed_is_escaped_and_only_web_links_are_linked()
    {
        var mail = await RenderAsync(Reader,
            Hit("kfor", "k1", "<script>alert('KFOR')</script> & more\r\nBcc: victim@example.org", "wire<b>", 10, "KFOR troops <img src=x onerror=alert(1)> moved", url: "javascript:alert(1)"));

        Assert.DoesNotContain("<script>", mail.Html);
        Assert.DoesNotContain("<img", mail.Html);
        Assert.DoesNotContain("javascript:", mail.Html);
        Assert.Contains("&lt;script&gt;alert(&#x27;KFOR&#x27;)&lt;/script&gt; &amp; more", mail.Html);
        Assert.Contains("wire&lt;b&gt;", mail.Html);
        Assert.Contains("<b>KFOR</b> troops &lt;img", mail.Html);
        // In the text part a feed's line break is a space: it cannot start a line of its own.
        Assert.Contains("* <script>alert('KFOR')</script> & more Bcc: victim@example.org", mail.Text);
        Assert.DoesNotContain("\nBcc:", mail.Text);
    }

    [Fact]
    public async Task A_story_is_listed_once_under_its_best_topic_with_every_report_and_feed_that_carried_it()
    {
        var mail = await RenderAsync(Reader,
            Hit("kfor", "k1", "KFOR reopens the Jarinje crossing", "wire", 15) with { StoryId = "s-1" },
            Hit("arms", "k1", "KFOR reopens the Jarinje crossing", "wire", 6) with { StoryId = "s-1" },
            Hit("kfor", "k2", "Jarinje open again", "desk", 12) with { StoryId = "s-1" },
            Hit("kfor", "k3", "KFOR commander visits Belgrade", "wire", 9) with { StoryId = "s-2" });

        Assert.Equal("2 new: KFOR — 22 Nov", mail.Subject);
        Assert.Contains("wire, also reported by desk", mail.Text);
        Assert.Contains("Also on: Arms deals", mail.Text);
        Assert.DoesNotContain("* Jarinje open again", mail.Text);
        Assert.Contains("2 reports from 2 outlets:\n  Jarinje open again <https://news.example/a> (desk)", mail.Text);
        Assert.Single(mail.Text.Split('\n'), line => line.StartsWith("* KFOR reopens the Jarinje crossing", StringComparison.Ordinal));
        Assert.DoesNotContain("Arms deals\n====", mail.Text);
    }

    [Fact]
    public void No_hits_means_no_mail()
    {
        Assert.Null(DigestComposer.Compose(Reader, Period, [], Titles, Unsubscribe));
    }

    [Fact]
    public async Task An_event_reported_in_two_languages_counts_its_reports_outlets_and_languages_and_groups_its_links_by_language()
    {
        var mail = await RenderAsync(Reader,
            Hit("kfor", "k1", "KFOR reopens the Jarinje crossing", "wire", 15) with { StoryId = "s-1", Language = "en" },
            Hit("kfor", "k2", "KFOR otvorio prelaz Jarinje", "beta", 12, url: "https://beta.example/1") with { StoryId = "s-1", Language = "sr", PublishedAt = Period.Start.AddHours(4) },
            Hit("kfor", "k3", "КФОР отворио прелаз Јариње", "rts", 11, url: "https://rts.example/1") with { StoryId = "s-1", Language = "sr", PublishedAt = Period.Start.AddHours(5) });

        Assert.Equal("1 new: KFOR — 22 Nov", mail.Subject);
        Assert.Contains("3 reports from 3 outlets in 2 languages:", mail.Text);
        Assert.Contains("sr: КФОР отворио прелаз Јариње <https://rts.example/1> (rts) KFOR otvorio prelaz Jarinje <https://beta.example/1> (beta)", mail.Text.ReplaceLineEndings(" ").Replace("  ", " ", StringComparison.Ordinal));
        Assert.Single(mail.Text.Split('\n'), line => line.StartsWith("* ", StringComparison.Ordinal));
    }
}
