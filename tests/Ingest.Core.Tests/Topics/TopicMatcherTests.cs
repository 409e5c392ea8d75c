using Ingest.Core.Topics;

namespace Ingest.Core.Tests.Topics;

public sealed class TopicMatcherTests
{
    private static TopicMatcher Model(string topicJson) =>
        new(TopicModelLoader.Load($$"""{"version":1,"titleBoost":2,"topics":[{{topicJson}}]}"""));

    private static readonly TopicMatcher Simple = Model("""
        {"id":"kfor","title":"KFOR","description":"d","threshold":2,
         "terms":[{"forms":["KFOR","Kosovo Force"],"weight":2},{"forms":["Kosovo Security Force"],"weight":1},{"forms":["Kosov*"],"weight":0.5}],
         "exclude":["KFOR Cup"]}
        """);

    [Fact]
    public void Terms_match_whole_words_only()
    {
        Assert.Empty(Simple.Match("Skfor and kforce", "The KFORX brand is unrelated."));
        Assert.Single(Simple.Match("", "KFOR patrols"));
    }

    [Fact]
    public void A_prefix_form_matches_inflected_words()
    {
        var hit = Simple.Score(null, "Kosova Kosovu Kosovom").Single().Hit;

        Assert.Equal(new MatchedTerm("Kosov*", 3), Assert.Single(hit.Matched));
    }

    [Fact]
    public void The_longest_form_wins_where_forms_overlap()
    {
        var hit = Simple.Score(null, "The Kosovo Security Force trained.").Single().Hit;

        Assert.Equal(["Kosovo Security Force"], hit.Matched.Select(m => m.Term));
    }

    [Fact]
    public void Repeats_add_less_each_time_and_the_title_counts_more()
    {
        double Score(string? title, string text) => Simple.Score(title, text).Single().Hit.Score;

        Assert.Equal(2, Score(null, "KFOR."));
        Assert.Equal(3, Score(null, "KFOR. KFOR."));
        Assert.Equal(3.5, Score(null, "KFOR. KFOR. KFOR."));
        Assert.Equal(4, Score("KFOR", ""));
    }

    [Fact]
    public void An_exclude_form_vetoes_the_topic()
    {
        Assert.Empty(Simple.Match("KFOR Cup final", "KFOR soldiers played football against local teams."));
    }

    [Fact]
    public void A_required_near_rule_gates_the_topic()
    {
        var arms = Model("""
            {"id":"arms","title":"Arms","description":"d","threshold":1,
             "terms":[{"forms":["Rafale"],"weight":3}],
             "requireNear":[{"name":"weapon near actor","window":5,"weight":1,"a":["Rafale"],"b":["Serbia","Srbij*"]}]}
            """);

        Assert.Empty(arms.Match("India buys Rafale", "New Delhi ordered more Rafale jets."));
        Assert.Empty(arms.Match(null, "Rafale jets are French. Many years later, far from here, somebody else entirely mentioned Serbia."));
        var hit = Assert.Single(arms.Match(null, "Srbija kupuje avione Rafale."));
        Assert.Contains(new MatchedTerm("Rafale ~ Srbija", 1), hit.Matched);
    }

    [Fact]
    public void A_headline_and_the_first_sentence_count_as_near()
    {
        var arms = Model("""
            {"id":"arms","title":"Arms","description":"d","threshold":1,
             "terms":[{"forms":["Rafale"],"weight":3}],
             "requireNear":[{"window":6,"weight":1,"a":["Rafale"],"b":["Serbia"]}]}
            """);

        Assert.Single(arms.Match("Rafale deal signed", "Serbia confirmed the purchase."));
    }

    [Fact]
    public void The_snippet_is_the_sentence_with_most_matches_and_its_highlights_point_at_them()
    {
        const string text = "Weather was fine. KFOR said KFOR patrols near the Kosovo Force base continue! Nothing else.";

        var hit = Simple.Score(null, text).Single().Hit;

        Assert.Equal("KFOR said KFOR patrols near the Kosovo Force base continue!", hit.Snippet);
        Assert.Equal(["KFOR", "KFOR", "Kosovo Force"], hit.SnippetHighlights.Select(h => hit.Snippet!.Substring(h.Start, h.Length)));
    }

    [Fact]
    public void A_long_sentence_is_cut_around_its_first_match()
    {
        var text = string.Join(' ', Enumerable.Repeat("filler", 120)) + " KFOR arrived " + string.Join(' ', Enumerable.Repeat("more", 120)) + ".";

        var hit = Simple.Score(null, text).Single().Hit;

        Assert.True(hit.Snippet!.Length <= 280);
        var highlight = Assert.Single(hit.SnippetHighlights);
        Assert.Equal("KFOR", hit.Snippet.Substring(highlight.Start, highlight.Length));
    }

    [Fact]
    public void The_compiled_model_is_safe_to_share_between_threads()
    {
        var results = Enumerable.Range(0, 200).AsParallel().Select(i => Simple.Match($"KFOR {i}", "Kosovo Force patrols").Single().Score).Distinct().ToList();

        Assert.Single(results);
    }
}
