using Ingest.Core.Stories;

namespace Ingest.Core.Tests.Stories;

public sealed class SpikeDetectorTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 15, 0, 0, TimeSpan.Zero);
    private static readonly StorySignature AnySignature = StorySignature.Of("a", "b");

    /// <summary><paramref name="perDay"/>[d] stories in the hour before now, d days ago (d = 0 is today).</summary>
    private static List<Story> Stories(string topic, params int[] perDay) =>
        perDay.SelectMany((count, day) => Enumerable.Range(0, count).Select(i =>
        {
            var found = Now - TimeSpan.FromDays(day) - TimeSpan.FromMinutes(1 + (i % 59));
            return new Story($"s-{topic}-{day}-{i}", "p", found, found, "t", "k", "f", 1, 1, ["f"], [topic], ["k"], [AnySignature], EventProfile.Empty, found);
        })).ToList();

    [Fact]
    public void A_busy_topic_needs_more_than_its_usual_noise_and_a_quiet_one_reaches_the_floor()
    {
        // A busy topic: 3 to 7 stories in this hour on the previous week's days (mean 5, spread 1.4).
        var usual = SpikeDetector.Evaluate("busy", Stories("busy", 8, 5, 7, 3, 5, 6, 4, 5), Now, SpikeRules.Default);
        var burst = SpikeDetector.Evaluate("busy", Stories("busy", 11, 5, 7, 3, 5, 6, 4, 5), Now, SpikeRules.Default);
        var quiet = SpikeDetector.Evaluate("quiet", Stories("quiet", 3, 0, 0, 1, 0, 0, 0, 0), Now, SpikeRules.Default);
        var quietBurst = SpikeDetector.Evaluate("quiet", Stories("quiet", 4, 0, 0, 1, 0, 0, 0, 0), Now, SpikeRules.Default);

        Assert.False(usual.IsSpike, usual.ToString());
        Assert.True(burst.IsSpike, burst.ToString());
        Assert.Equal(5, burst.Mean);
        Assert.False(quiet.IsSpike, quiet.ToString());
        Assert.True(quietBurst.IsSpike, quietBurst.ToString());
        Assert.Equal(SpikeRules.Default.Floor, quietBurst.Threshold);
    }

    [Fact]
    public void Only_the_topics_stories_count()
    {
        var mixed = Stories("kfor", 5).Concat(Stories("arms", 9)).ToList();

        Assert.Equal(5, SpikeDetector.Evaluate("kfor", mixed, Now, SpikeRules.Default).Count);
    }
}
