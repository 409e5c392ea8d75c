using Ingest.Core.Topics;

namespace Ingest.Core.Tests.Topics;

public sealed class WatchQueryTests
{
    [Fact]
    public void A_watch_reads_words_phrases_exclusions_near_pairs_and_limits()
    {
        var watch = WatchQuery.Parse("Dragon \"border crossing\" -football ferry NEAR/5 strike lang:sr,hr site:example.org");

        Assert.Equal(["Dragon", "border crossing"], watch.Required);
        Assert.Equal(["football"], watch.Excluded);
        Assert.Equal(new WatchNear("ferry", "strike", 5), Assert.Single(watch.Near));
        Assert.Equal(["sr", "hr"], watch.Languages);
        Assert.Equal(["example.org"], watch.Sites);
    }

    [Fact]
    public void Watches_that_mean_the_same_in_either_script_or_order_share_one_id()
    {
        var latin = WatchQuery.Parse("Vučić Brisel -fudbal");
        Assert.Equal(latin.Id, WatchQuery.Parse("-фудбал Брисел Вучић").Id);
        Assert.Equal(latin.Id, WatchQuery.Parse("  vucic   BRISEL  -Fudbal ").Id);
        Assert.NotEqual(latin.Id, WatchQuery.Parse("Vučić Brisel").Id);
        Assert.NotEqual(latin.Id, WatchQuery.Parse("Vučić Brisel -fudbal lang:sr").Id);
        Assert.True(WatchQuery.IsWatchId(latin.Id));
        Assert.Matches("^w-[0-9a-f]{16}$", latin.Id);
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("   ", "is empty")]
    [InlineData("-football -basketball", "at least one word")]
    [InlineData("lang:sr", "at least one word")]
    [InlineData("\"open quote", "never closed")]
    [InlineData("ferry NEAR", "NEAR needs a word")]
    [InlineData("ferry NEAR/0 strike", "from 1 to 50")]
    [InlineData("ferry OR strike", "cannot say OR")]
    [InlineData("ab*", "3 letters before")]
    [InlineData("a", "one-letter word")]
    [InlineData("!!! ferry", "no letters or digits")]
    [InlineData("fe*rry", "only have * at the end")]
    [InlineData("ferry lang:x", "language tags")]
    [InlineData("ferry site:localhost", "host name")]
    [InlineData("one two three four five six seven eight nine", "more than 8")]
    public void A_watch_that_cannot_work_is_refused_with_a_reason(string text, string reason)
    {
        Assert.False(WatchQuery.TryParse(text, out var query, out var error));
        Assert.Null(query);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_watch_longer_than_the_cap_is_refused()
    {
        Assert.False(WatchQuery.TryParse(new string('x', WatchQuery.MaxLength + 1), out _, out var error));
        Assert.Contains("longer than", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sr", "sr-Latn", true)]
    [InlineData("sr", "SR", true)]
    [InlineData("sr", "sq", false)]
    [InlineData("sr", "srn", false)]
    [InlineData("sr", null, false)]
    public void A_language_limit_admits_the_language_and_its_scripts_and_regions(string limit, string? language, bool admitted) =>
        Assert.Equal(admitted, WatchQuery.Parse($"ferry lang:{limit}").Admits(language, "news.example"));

    [Theory]
    [InlineData("example.org", true)]
    [InlineData("news.example.org", true)]
    [InlineData("badexample.org", false)]
    [InlineData("example.org.evil.test", false)]
    public void A_site_limit_admits_the_site_and_its_subdomains(string host, bool admitted) =>
        Assert.Equal(admitted, WatchQuery.Parse("ferry site:example.org").Admits("en", host));
}
