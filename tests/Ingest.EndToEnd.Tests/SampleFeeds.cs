using System.Security;

namespace Ingest.EndToEnd.Tests;

/// <summary>Feeds and pages written for these tests: stories a subscriber would want, and one nobody would.</summary>
internal static class SampleFeeds
{
    public sealed record Story(string Slug, string Title, string Text, DateTimeOffset Published);

    public static readonly Story Kfor = new(
        "kfor-patrols",
        "KFOR doubles patrols near Zvečan after the Banjska anniversary",
        "NATO's Kosovo Force increased patrols in northern Kosovo this week. The KFOR commander said the mission acts under UNSCR 1244 and keeps contact with the Serbian army.",
        new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero));

    public static readonly Story Ipap = new(
        "ipap-review",
        "Serbia and NATO review the Individual Partnership Action Plan",
        "Serbian officials met the NATO Military Liaison Office in Belgrade to assess the IPAP. Serbia remains militarily neutral and takes part in Partnership for Peace.",
        new DateTimeOffset(2026, 11, 19, 8, 0, 0, TimeSpan.Zero));

    public static readonly Story Chess = new(
        "chess-open",
        "Novi Sad chess open ends on tie-break",
        "Two hundred players took part; the open section was decided on the last day.",
        new DateTimeOffset(2026, 11, 18, 8, 0, 0, TimeSpan.Zero));

    public static readonly Story Arms = new(
        "hq22-batteries",
        "Serbian army shows HQ-22 batteries bought from China",
        "The Serbian Armed Forces displayed Chinese HQ-22 (FK-3) air defence systems at Batajnica; SIPRI counts Serbia among the region's largest arms importers.",
        new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero));

    public static string Rss(Uri server, params Story[] stories) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0"><channel><title>Test wire</title><link>{server}</link><description>Written for Ingest's tests.</description>
        {string.Concat(stories.Select(s => $"""
            <item><title>{SecurityElement.Escape(s.Title)}</title><link>{new Uri(server, "news/" + s.Slug)}</link>
            <pubDate>{s.Published:R}</pubDate><description>{SecurityElement.Escape(s.Text)}</description></item>
            """))}
        </channel></rss>
        """;

    public static string Page(Story story) => $"""
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{SecurityElement.Escape(story.Title)}</title></head>
        <body><nav><a href="/">Home</a></nav><article><h1>{SecurityElement.Escape(story.Title)}</h1>
        <p>{SecurityElement.Escape(story.Text)}</p><p>Local officials and residents described the week as calm, and said the troops were visible on the main roads.</p>
        </article></body></html>
        """;
}
