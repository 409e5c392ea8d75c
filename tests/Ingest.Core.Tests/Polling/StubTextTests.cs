using Ingest.Core.Model;
using Ingest.Core.Polling;

namespace Ingest.Core.Tests.Polling;

/// <summary>Which feed texts are stubs of their article, and what a feed's recent texts teach about it.</summary>
public sealed class StubTextTests
{
    private static readonly string Long = string.Join(' ', Enumerable.Repeat("The ministry published the tender documents and the bidders have until March to answer every question.", 6));

    [Theory]
    [InlineData("Patrols resume on the northern roads, the mission said…")]
    [InlineData("Patrols resume on the northern roads, the mission said...")]
    [InlineData("Patrols resume on the northern roads, the mission said [...]")]
    [InlineData("Patrols resume on the northern roads. Read more »")]
    [InlineData("Patrole su nastavljene na severu. Opširnije")]
    [InlineData("Патроле су настављене на северу. Опширније")]
    [InlineData("Patrullat rifillojnë në veri. Lexo më shumë")]
    [InlineData("Patrouillen im Norden. Weiterlesen →")]
    [InlineData("Патрули возобновлены на севере. Подробнее")]
    public void A_text_that_says_it_is_cut_is_a_stub_in_any_of_the_regions_languages(string text) =>
        Assert.Equal(ItemText.Cut, StubText.Judge("Patrols resume", text));

    [Fact]
    public void An_empty_text_or_the_title_again_is_a_stub() =>
        Assert.Equal([ItemText.Cut, ItemText.Cut], new[] { StubText.Judge("Patrols resume in the north", " "), StubText.Judge("Patrols resume in the north", "Patrols resume in the north (video)") });

    [Fact]
    public void A_short_whole_sentence_is_short_and_a_long_text_is_full_even_when_a_sentence_ends_in_more()
    {
        Assert.Equal(ItemText.Brief, StubText.Judge("Budget", "The council adopted the budget and the mayor asked for more."));
        Assert.Equal(ItemText.Full, StubText.Judge("Budget", Long + " The mayor asked for more."));
    }

    [Fact]
    public void A_feed_whose_recent_texts_were_mostly_stubs_gives_stubs_and_one_whose_texts_were_whole_does_not()
    {
        var teasers = TextLog.Empty.Add(Enumerable.Range(0, 6).Select(i => new TextLog.Item(120 + i, Stub: true, ReadInFull: i % 2 == 0)));
        var whole = TextLog.Empty.Add(Enumerable.Range(0, 10).Select(i => new TextLog.Item(3000, Stub: false, ReadInFull: false)));
        var young = TextLog.Empty.Add([new TextLog.Item(90, Stub: true, ReadInFull: true)]);

        Assert.Equal((true, 123, 0.5), (teasers.GivesStubs, teasers.MedianLength, teasers.ReadInFullShare));
        Assert.False(whole.GivesStubs);
        Assert.Null(young.GivesStubs);
        Assert.Equal(TextLog.Kept, whole.Add(teasers.Items).Add(teasers.Items).Items.Count);
    }

    [Fact]
    public void A_stored_log_reads_back_and_drops_what_does_not_parse()
    {
        var log = TextLog.Parse("131:1:1 2400:0:0 junk 5:2:0 77:1:0");

        Assert.Equal([new TextLog.Item(131, true, true), new TextLog.Item(2400, false, false), new TextLog.Item(77, true, false)], log.Items);
        Assert.Equal(log.Items, TextLog.Parse(log.ToString()).Items);
    }
}
