using Ingest.Core.Topics;
using Ingest.Testing;

namespace Ingest.Core.Tests.Topics;

/// <summary>
/// What an article is about, on the shipped model: where the evidence stands, names in their case endings, the
/// line between violence and procurement, and explanations in the article's own words.
/// </summary>
public sealed class TopicSalienceTests
{
    private static readonly TopicMatcher Shipped = new(TopicModelLoader.LoadFile(Path.Combine(RepositoryRoot.Path, "seeds", "topics.json")));

    private const string Background =
        "Parliament met on Tuesday to debate the pension reform. The opposition walked out after two hours. " +
        "Ministers defended the plan on television in the evening. Unions have called a strike for next month. " +
        "Economists expect the budget deficit to widen. In the north of Kosovo, KFOR troops kept watch as usual.";

    private static TopicHit? Hit(string topic, string? title, string text) =>
        Shipped.Match(title, text).SingleOrDefault(h => h.TopicId == topic);

    [Fact]
    public void A_lone_mention_in_the_background_is_no_hit_and_says_why()
    {
        Assert.Null(Hit("kfor", "Pension reform splits parliament", Background));

        var scored = Shipped.Score("Pension reform splits parliament", Background).Single(s => s.Hit.TopicId == "kfor");
        Assert.Contains(scored.Hit.Matched, m => m.Term.Contains("passing mention", StringComparison.Ordinal));
    }

    [Fact]
    public void The_same_mention_in_the_title_or_the_lead_makes_the_hit()
    {
        Assert.NotNull(Hit("kfor", "KFOR troops keep watch in the north of Kosovo", Background));
        Assert.NotNull(Hit("kfor", "Pension reform splits parliament", "KFOR troops kept watch in the north of Kosovo. " + Background));
    }

    [Theory]
    [InlineData("\n")]
    [InlineData(". ")]
    [InlineData("\n\n")]
    public void A_text_that_opens_with_its_headline_again_has_its_lead_in_the_sentence_after_it(string separator)
    {
        const string title = "Pension reform splits parliament";
        const string rest = "Parliament met on Tuesday to debate the pension reform. The opposition walked out after two hours. " +
            "Ministers defended the plan on television in the evening.";

        Assert.NotNull(Hit("kfor", title, title + separator + "KFOR troops kept watch in the north of Kosovo. " + rest));
        Assert.Null(Hit("kfor", title, title + separator + rest + " In the north of Kosovo, KFOR troops kept watch as usual."));
    }

    [Fact]
    public void A_partnership_of_a_state_outside_the_region_does_not_count_for_a_place_it_mentions_in_passing()
    {
        const string text = "Azerbaijan and NATO reviewed the Individual Partnership Action Plan in Baku. The talks covered energy security. " +
            "Officials recalled that Azerbaijani soldiers once served with the peacekeepers in Kosovo.";

        Assert.Null(Hit("ipap", "Azerbaijan reviews its partnership plan with NATO", text));
        Assert.NotNull(Hit("ipap", "Serbia reviews its partnership plan with NATO", "Serbia and NATO reviewed the Individual Partnership Action Plan in Belgrade."));
    }

    [Theory]
    [InlineData("Incident u Zvečanu", "Posle incidenta u Zvečanu i Banjskoj, pripadnici KFOR-a pojačali su patrole na Kosovu.")]
    [InlineData("Инцидент у Звечану", "После инцидента у Звечану и Бањској, припадници КФОР-а појачали су патроле на Косову.")]
    public void Names_are_found_in_their_case_endings_in_both_scripts(string title, string text)
    {
        var hit = Hit("kfor", title, text);

        Assert.NotNull(hit);
        Assert.Contains(hit.Matched, m => m.Term.Contains("вечану", StringComparison.Ordinal) || m.Term.Contains("Zvečanu", StringComparison.Ordinal));
    }

    [Fact]
    public void Case_endings_stay_on_names_and_off_other_words()
    {
        var model = new TopicMatcher(TopicModelLoader.Load("""
            {"version":1,"titleBoost":1,"topics":[{"id":"names","title":"Names","description":"d","threshold":1,
             "terms":[{"forms":["Zvečan","tank","NATO"],"weight":1}]}]}
            """));

        Assert.Single(model.Match(null, "u Zvečanu"));
        Assert.Single(model.Match(null, "kod Zvečana"));
        Assert.Empty(model.Match(null, "tanka linija"));
        Assert.Empty(model.Match(null, "Nata i Natu"));
        Assert.Empty(model.Match(null, "Zvečanski"));
    }

    [Fact]
    public void Weapons_found_after_an_attack_are_not_an_arms_deal()
    {
        const string attack = "Armed men attacked a police patrol near Banjska in Kosovo. After the siege, police found rifles, rocket launchers, " +
            "hand grenades and armoured vehicles. Serbia denied any involvement.";
        const string deal = "Serbia signed a contract to buy armoured vehicles and rocket launchers, the defence ministry in Belgrade said.";

        Assert.Null(Hit("arms", "Attack on police in northern Kosovo: weapons found", attack));
        Assert.NotNull(Hit("arms", "Serbia buys armoured vehicles", deal));
    }

    [Fact]
    public void Explanations_name_the_forms_the_article_used()
    {
        var hit = Hit("arms", "Kosovo receives Javelin missiles and Bayraktar drones", "The Kosovo Security Force took delivery of Javelin anti-tank missiles and Bayraktar TB2 drones bought from the United States and Turkey.");

        Assert.NotNull(hit);
        var systems = Assert.Single(hit.Matched, m => m.Term.Contains("Javelin", StringComparison.Ordinal));
        Assert.Contains("Bayraktar", systems.Term);
        Assert.DoesNotContain(hit.Matched, m => m.Term.Contains("MiG-29", StringComparison.Ordinal));
    }
}
