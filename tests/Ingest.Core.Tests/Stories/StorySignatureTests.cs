using Ingest.Core.Stories;
using Ingest.Testing;

namespace Ingest.Core.Tests.Stories;

public sealed class StorySignatureTests
{
    private static readonly StorySignature Original = StorySignature.Of(StoryTexts.CrossingTitle, StoryTexts.Crossing);

    [Fact]
    public void A_reprint_under_another_title_is_the_same_story()
    {
        var reprint = StorySignature.Of(StoryTexts.CrossingRetitled, StoryTexts.Crossing);

        Assert.True(Original.IsSameStory(reprint), $"Jaccard {Original.Jaccard(reprint):0.00}");
    }

    [Fact]
    public void A_copy_cut_to_its_first_half_is_the_same_story()
    {
        var trimmed = StorySignature.Of(StoryTexts.CrossingTitle, StoryTexts.CrossingTrimmed);

        Assert.True(Original.Jaccard(trimmed) < StorySignature.SameStoryJaccard, "the test needs a copy short enough that only containment joins it");
        Assert.True(Original.IsSameStory(trimmed), $"containment {Original.Containment(trimmed):0.00}");
    }

    [Fact]
    public void The_same_report_in_Cyrillic_and_in_Latin_is_one_story()
    {
        var latin = StorySignature.Of(StoryTexts.CrossingSerbianTitle, StoryTexts.CrossingSerbian);
        var cyrillic = StorySignature.Of(StoryTexts.ToCyrillic(StoryTexts.CrossingSerbianTitle), StoryTexts.ToCyrillic(StoryTexts.CrossingSerbian));

        Assert.Contains("Јариње", StoryTexts.ToCyrillic(StoryTexts.CrossingSerbian));
        Assert.Equal(1.0, latin.Jaccard(cyrillic));
        Assert.True(latin.IsSameStory(cyrillic));
    }

    [Fact]
    public void Another_event_on_the_same_topic_the_same_day_is_another_story()
    {
        var visit = StorySignature.Of(StoryTexts.VisitTitle, StoryTexts.Visit);

        Assert.False(Original.IsSameStory(visit), $"Jaccard {Original.Jaccard(visit):0.00}, containment {Original.Containment(visit):0.00}");
        // A report of one event in another language is a separate story too: stories join copies, not translations.
        Assert.False(Original.IsSameStory(StorySignature.Of(StoryTexts.CrossingSerbianTitle, StoryTexts.CrossingSerbian)));
    }

    [Fact]
    public void Signatures_survive_storage_and_band_keys_are_the_same_in_every_process()
    {
        var parsed = StorySignature.Parse(Original.Serialize());

        Assert.NotNull(parsed);
        Assert.Equal(Original.Hashes, parsed.Hashes);
        Assert.Equal(Original.ShingleCount, parsed.ShingleCount);
        Assert.Equal(StorySignature.HashCount / StorySignature.RowsPerBand, Original.BandKeys().Count);
        // Fixed hashing (FNV-1a and SplitMix64), not string.GetHashCode: a key stored by one instance is found by another.
        Assert.Equal("00-", Original.BandKeys()[0][..3]);
        Assert.Equal(Original.BandKeys(), StorySignature.Of(StoryTexts.CrossingTitle, StoryTexts.Crossing).BandKeys());
        Assert.Null(StorySignature.Parse("12:not base64"));
        Assert.Null(StorySignature.Parse(null));
    }
}
