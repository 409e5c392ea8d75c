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
    public void An_acronym_matches_only_a_word_in_capitals_so_a_city_that_folds_to_it_is_not_the_company()
    {
        var energy = Model("""
            {"id":"energy","title":"Energy","description":"d","threshold":2,
             "terms":[{"forms":["NIS","Naftna industrija Srbije"],"weight":2},{"forms":["NATO","Nato"],"weight":2}]}
            """);

        Assert.Empty(energy.Match("Nis hosts a book fair", "The fair in Niš opened on Monday; visitors from Ниш and Nis came."));
        Assert.Single(energy.Match("NIS raises fuel prices", "The oil company NIS said on Monday that prices rise."));
        Assert.Single(energy.Match("", "The НИС board met."));
        Assert.Single(energy.Match("", "Nato ministers met."));
    }

    [Fact]
    public void Names_add_at_most_the_topics_support_cap_and_the_explanation_says_so()
    {
        var influence = Model("""
            {"id":"influence","title":"Influence","description":"d","threshold":3,"supportCap":1.5,
             "terms":[{"forms":["Ruritania"],"weight":1,"support":true},{"forms":["propaganda"],"weight":2}],
             "requireNear":[{"name":"Ruritania near Serbia","window":10,"weight":1,"support":true,"a":["Ruritania"],"b":["Serbia"]}]}
            """);
        const string scene = "Ruritania sold Serbia a ship. Ruritania delivered it to Serbia. Ruritania trained the crew.";

        var scored = influence.Score(null, scene).Single();
        Assert.False(scored.IsHit);
        Assert.Equal(1.5, scored.Hit.Score);
        Assert.Contains(scored.Hit.Matched, m => m.Term.Contains("names and common words count at most 1.5", StringComparison.Ordinal));
        Assert.Single(influence.Match(null, scene + " Ruritania's propaganda reached Serbia."));
    }

    [Fact]
    public void A_prefix_form_matches_inflected_words()
    {
        var hit = Simple.Score(null, "Kosova Kosovu Kosovom").Single().Hit;

        Assert.Equal(new MatchedTerm("Kosova / Kosovu / Kosovom", 3), Assert.Single(hit.Matched));
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
    public void A_prefix_needs_all_its_letters_and_matches_the_bare_stem()
    {
        Assert.Empty(Simple.Score(null, "Koso and Kos."));
        Assert.Equal(new MatchedTerm("Kosov", 1), Assert.Single(Simple.Score(null, "Kosov").Single().Hit.Matched));
    }

    [Fact]
    public void Forms_in_scripts_without_transliteration_match_whole_words()
    {
        var greek = Model("""
            {"id":"greek","title":"Greek","description":"d","threshold":1,"terms":[{"forms":["ΝΑΤΟ"],"weight":1},{"forms":["Σκόπια*"],"weight":1}]}
            """);

        Assert.Equal(["ΝΑΤΟ", "Σκοπιανά"], greek.Score(null, "Το ΝΑΤΟ και τα Σκοπιανά.").Single().Hit.Matched.Select(m => m.Term).Order());
        Assert.Empty(greek.Score(null, "ΝΑΤΟΣ Σκοπ"));
    }

    [Fact]
    public void A_word_that_is_several_forms_of_a_near_group_is_one_place()
    {
        var arms = Model("""
            {"id":"arms","title":"Arms","description":"d","threshold":1,
             "terms":[{"forms":["Rafale"],"weight":1}],
             "requireNear":[{"window":5,"weight":1,"a":["Rafale","Rafal*"],"b":["Serbia","Serbi*","Serb*"]}]}
            """);

        Assert.Contains(new MatchedTerm("Rafale ~ Serbia", 1), arms.Score(null, "Serbia buys Rafale jets.").Single().Hit.Matched);
        Assert.Contains(new MatchedTerm("Rafale ~ Serbia", 2), arms.Score(null, "Serbia buys Rafale jets, twelve Rafale jets.").Single().Hit.Matched);
    }

    [Fact]
    public void A_near_pair_takes_the_nearest_partner_whichever_side_it_is_on()
    {
        var arms = Model("""
            {"id":"arms","title":"Arms","description":"d","threshold":1,
             "terms":[{"forms":["drones"],"weight":1}],
             "requireNear":[{"window":4,"weight":1,"a":["drones"],"b":["Serbia","Croatia","Albania"]}]}
            """);

        Assert.Contains(new MatchedTerm("drones ~ Albania", 1), arms.Score(null, "Serbia said that drones for Albania arrived.").Single().Hit.Matched);
        Assert.Contains(new MatchedTerm("drones ~ Croatia", 1), arms.Score(null, "Serbia and Croatia drones one two three Albania.").Single().Hit.Matched);
        Assert.Contains(new MatchedTerm("drones ~ Serbia", 1), arms.Score(null, "Serbia one two three drones.").Single().Hit.Matched);
        Assert.DoesNotContain(arms.Score(null, "Serbia one two three four drones.").Single().Hit.Matched, m => m.Term.Contains('~'));
        Assert.DoesNotContain(arms.Score(null, "drones one two three four Serbia.").Single().Hit.Matched, m => m.Term.Contains('~'));
    }

    [Fact]
    public void Sentences_end_at_line_breaks_and_before_capitals_in_any_script()
    {
        var hit = Simple.Score(null, "Uvod bez vesti\n\nКФОР je pojačao patrole. Ostalo je mirno.").Single().Hit;
        Assert.Equal("КФОР je pojačao patrole.", hit.Snippet);

        hit = Simple.Score(null, "Patrols at 9 a.m. near KFOR base. „Quiet”, said one.").Single().Hit;
        Assert.Equal("Patrols at 9 a.m. near KFOR base.", hit.Snippet);
    }

    [Fact]
    public void Nothing_carries_over_from_one_article_to_the_next()
    {
        var arms = Model("""
            {"id":"arms","title":"Arms","description":"d","threshold":1,
             "terms":[{"forms":["Rafale"],"weight":3}],
             "requireNear":[{"window":5,"weight":1,"a":["Rafale"],"b":["Serbia"]}]}
            """);

        Assert.Empty(Simple.Match("KFOR Cup", "KFOR KFOR KFOR"));
        Assert.Single(arms.Match(null, "Serbia buys Rafale."));
        Assert.Equal(2, Assert.Single(Simple.Match(null, "KFOR")).Score);
        Assert.Empty(arms.Match(null, "Rafale jets for India."));
    }

    [Fact]
    public void The_compiled_model_is_safe_to_share_between_threads()
    {
        var articles = Enumerable.Range(0, 400)
            .Select(i => (Title: i % 3 == 0 ? "KFOR" : null, Text: string.Join(". ", Enumerable.Repeat("Kosovo Force patrols", 1 + (i % 5))) + (i % 7 == 0 ? " KFOR Cup" : "")))
            .ToList();
        string Describe(IReadOnlyList<TopicHit> hits) => string.Join(";", hits.Select(h => $"{h.Score} {h.Snippet} {string.Join(",", h.Matched)}"));
        var sequential = articles.Select(a => Describe(Simple.Match(a.Title, a.Text))).ToList();

        var parallel = articles.AsParallel().AsOrdered().WithDegreeOfParallelism(4).Select(a => Describe(Simple.Match(a.Title, a.Text))).ToList();

        Assert.Equal(sequential, parallel);
        Assert.Equal(10, sequential.Distinct().Count(d => d.Length > 0));
        Assert.Contains("", sequential);
    }
}
