using Ingest.Core.Feeds;

namespace Ingest.Core.Tests.Feeds;

/// <summary>What of a DOCTYPE's internal subset is read, and what refuses the whole document.</summary>
public sealed class DoctypeTests
{
    private static Feed Parse(string subset, string title) => FeedParser.Parse(
        $"<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n{subset}\n]>\n" +
        $"<rss version=\"2.0\"><channel><title>Desk</title><item><title>{title}</title></item></channel></rss>");

    [Fact]
    public void A_parameter_entity_naming_the_xhtml_latin_1_set_supplies_its_entities_without_fetching_anything()
    {
        var feed = Parse(
            "<!ENTITY % HTMLlat1 PUBLIC \"-//W3C//ENTITIES Latin 1 for XHTML//EN\"\n \"http://unreachable.example.test/xhtml-lat1.ent\">\n%HTMLlat1;",
            "R&eacute;sum&eacute; of the week &copy; Zve&#269;an");

        Assert.Equal("Résumé of the week © Zvečan", feed.Items[0].Title);
        Assert.DoesNotContain(feed.Warnings, w => w.Contains("ill-formed", StringComparison.Ordinal));
    }

    [Fact]
    public void A_parameter_entity_that_declares_plain_text_entities_is_read_where_it_is_referred_to()
    {
        var feed = Parse(
            "<!ENTITY % names \"<!ENTITY force 'Kosovo Force'> <!ENTITY dash '&#8212;'>\">\n%names;",
            "&force; &dash; a quiet week");

        Assert.Equal("Kosovo Force — a quiet week", feed.Items[0].Title);
    }

    [Fact]
    public void A_parameter_entity_declared_and_never_used_changes_nothing()
    {
        var feed = Parse("<!ENTITY % draft \"IGNORE\">\n<!ENTITY desk \"Night desk\">", "&desk; notes");

        Assert.Equal("Night desk notes", feed.Items[0].Title);
    }

    [Theory]
    [InlineData("<!ENTITY % outside SYSTEM \"http://attacker.example.test/x.dtd\">", "from outside the document")]
    [InlineData("<!ENTITY % outside PUBLIC \"-//Attacker//ENTITIES Steal//EN\" \"file:///etc/passwd\">\n%outside;", "from outside the document")]
    [InlineData("<!ENTITY % p \"<!ENTITY leak SYSTEM 'file:///etc/passwd'>\">\n%p;", "external entities")]
    [InlineData("<!ENTITY % p \"<!ENTITY % q 'x'>\">\n%p;", "declares parameter entities")]
    [InlineData("<!ENTITY % p \"%q;\">\n%p;", "does not declare plainly")]
    [InlineData("%nowhere;", "does not declare plainly")]
    [InlineData("<!ENTITY % p \"<!ENTITY a 'x'> <!ENTITY b '&a;&a;'>\">\n%p;", "expand other entities")]
    [InlineData("<!ENTITY % p \"<![INCLUDE[ <!ENTITY a 'x'> ]]>\">\n%p;", "more than plain-text entities")]
    public void A_parameter_entity_that_would_reach_outside_or_nest_refuses_the_feed(string subset, string reason)
    {
        var failure = Assert.Throws<FeedParseException>(() => Parse(subset, "t"));

        Assert.Equal(FeedParseFailure.Unsafe, failure.Failure);
        Assert.Contains(reason, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_entity_set_referred_to_thousands_of_times_is_refused_before_it_is_copied_that_often()
    {
        var references = string.Concat(Enumerable.Repeat("%set; ", 5_000));
        var subset = $"<!ENTITY % set PUBLIC \"-//W3C//ENTITIES Symbols for XHTML//EN\" \"x.ent\">\n{references}";
        var before = GC.GetAllocatedBytesForCurrentThread();

        var failure = Assert.Throws<FeedParseException>(() => Parse(subset, "t"));

        Assert.Contains("run past", failure.Message, StringComparison.Ordinal);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16 * 1024 * 1024);
    }
}
