using Ingest.Core.Extraction;

namespace Ingest.Core.Tests.Extraction;

public sealed class UrlCanonicalizerTests
{
    [Theory]
    [InlineData("HTTPS://WWW.Example.TEST:443/Vesti/Clanak?b=2&a=1#komentari", "https://www.example.test/Vesti/Clanak?a=1&b=2")]
    [InlineData("http://example.test:80/a", "http://example.test/a")]
    [InlineData("http://example.test:8080/a", "http://example.test:8080/a")]
    [InlineData("https://example.test/a?utm_source=rss&utm_medium=feed&id=7&fbclid=xyz&gclid=abc", "https://example.test/a?id=7")]
    [InlineData("https://example.test/a?utm_campaign=x", "https://example.test/a")]
    [InlineData("https://example.test", "https://example.test/")]
    [InlineData("https://приштина.example/vesti", "https://xn--80apauhgp1c.example/vesti")]
    public void Canonical_form_drops_what_does_not_identify_the_article(string url, string canonical)
    {
        Assert.Equal(canonical, UrlCanonicalizer.Canonicalize(url));
    }

    [Fact]
    public void Links_to_one_article_share_one_key_and_different_articles_do_not()
    {
        var key = UrlCanonicalizer.ArticleKey("https://example.test/a?id=7&utm_source=rss#top");

        Assert.Equal(key, UrlCanonicalizer.ArticleKey("HTTPS://EXAMPLE.TEST/a?id=7"));
        Assert.NotEqual(key, UrlCanonicalizer.ArticleKey("https://example.test/a?id=8"));
        Assert.Matches("^[0-9a-f]{64}$", key);
    }

    [Theory]
    [InlineData("/a/b")]
    [InlineData("file:///etc/passwd")]
    [InlineData("javascript:alert(1)")]
    public void Only_absolute_web_addresses_are_accepted(string url)
    {
        Assert.Throws<ArgumentException>(() => UrlCanonicalizer.Canonicalize(url));
    }
}
