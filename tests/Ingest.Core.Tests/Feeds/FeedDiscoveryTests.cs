using Ingest.Core.Feeds.Discovery;

namespace Ingest.Core.Tests.Feeds;

public sealed class FeedDiscoveryTests
{
    [Fact]
    public void Finds_rss_atom_and_json_feeds_and_resolves_relative_addresses()
    {
        const string html = """
            <html><head>
              <base href="https://portal.example.test/sr/">
              <link rel="alternate" type="application/rss+xml" title="Sve vesti &amp; analize" href="rss/sve.xml">
              <link rel="alternate" type="application/atom+xml" href="/atom.xml">
              <link rel="Alternate Feed" type="application/feed+json" href="https://portal.example.test/feed.json">
              <link rel="alternate" type="application/rss+xml" href="rss/sve.xml">
              <link rel="alternate" hreflang="en" type="text/html" href="/en/">
              <link rel="stylesheet" type="text/css" href="/site.css">
              <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
            </head><body></body></html>
            """;

        var feeds = FeedDiscovery.Discover(html, new Uri("https://portal.example.test/sr/index.html"));

        Assert.Equal(
            [
                new DiscoveredFeed("https://portal.example.test/sr/rss/sve.xml", "application/rss+xml", "Sve vesti & analize"),
                new DiscoveredFeed("https://portal.example.test/atom.xml", "application/atom+xml", null),
                new DiscoveredFeed("https://portal.example.test/feed.json", "application/feed+json", null),
            ],
            feeds);
    }

    [Fact]
    public void A_page_without_feeds_yields_none()
    {
        Assert.Empty(FeedDiscovery.Discover("<html><head><title>x</title></head></html>", new Uri("https://x.test/")));
    }
}
