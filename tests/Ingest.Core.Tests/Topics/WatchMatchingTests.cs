using Ingest.Core.Topics;

namespace Ingest.Core.Tests.Topics;

public sealed class WatchMatchingTests
{
    private static readonly TopicModel Topics = TopicModelLoader.Load("""
        {"version":1,"titleBoost":2,"topics":[{"id":"ferries","title":"Ferries","description":"d","threshold":2,
         "terms":[{"forms":["ferry"],"weight":2}]}]}
        """);

    private static TopicMatcher With(params string[] watches) => new(Topics, watches.Select(WatchQuery.Parse));

    private static TopicHit? WatchHit(TopicMatcher matcher, string title, string text, string? language = null, string? host = null) =>
        matcher.Match(title, text, language, host).SingleOrDefault(h => WatchQuery.IsWatchId(h.TopicId));

    [Fact]
    public void A_cyrillic_watch_finds_a_latin_article_and_says_what_it_found()
    {
        var matcher = With("Вучић Брисел");

        var hit = WatchHit(matcher, "Vučić u Briselu", "Predsednik Vucic je stigao u Brisel na sastanak.");

        Assert.NotNull(hit);
        Assert.Equal(WatchQuery.Parse("Вучић Брисел").Id, hit.TopicId);
        Assert.Contains(hit.Matched, m => m.Term == "Vučić / Vucic" && m.Count == 2);
        Assert.Contains(hit.Matched, m => m.Term == "Briselu / Brisel" && m.Count == 2);
        Assert.Null(WatchHit(matcher, "Vučić u Beogradu", "Predsednik je ostao u Beogradu."));
    }

    [Fact]
    public void Every_word_must_appear_and_an_excluded_word_vetoes()
    {
        var matcher = With("harbour strike -football");

        Assert.NotNull(WatchHit(matcher, "Strike at the harbour", "Dockers stopped work."));
        Assert.Null(WatchHit(matcher, "Strike at the stadium", "The football club stopped training."));
        Assert.Null(WatchHit(matcher, "Harbour strike ends", "The football season starts."));
    }

    [Fact]
    public void A_name_in_the_watch_matches_its_case_endings_and_a_phrase_its_words_in_order()
    {
        var matcher = With("\"Sava bridge\" Ljubinka");

        var hit = WatchHit(matcher, "", "Repairs on the Sava bridge were approved by Ljubinki's office; Ljubinku thanked the council.");

        Assert.NotNull(hit);
        Assert.Contains(hit.Matched, m => m.Term == "Ljubinki / Ljubinku" && m.Count == 2);
        Assert.Contains(hit.Matched, m => m.Term == "Sava bridge");
        Assert.Null(WatchHit(matcher, "", "The bridge over the Sava was approved by Ljubinka."));
    }

    [Fact]
    public void A_near_pair_holds_only_within_its_window_and_is_explained_as_a_pair()
    {
        var matcher = With("ferry NEAR/3 strike");

        var hit = WatchHit(matcher, "", "Ferry crews strike at dawn.");
        Assert.NotNull(hit);
        Assert.Contains(hit.Matched, m => m.Term == "Ferry ~ strike");
        Assert.Null(WatchHit(matcher, "", "The ferry left on time. Hours later, in another city entirely, a strike began."));
    }

    [Fact]
    public void Limits_to_languages_and_sites_keep_out_articles_they_do_not_admit()
    {
        var matcher = With("harbour lang:en site:example.org");

        Assert.NotNull(WatchHit(matcher, "Harbour news", "", "en-GB", "www.example.org"));
        Assert.Null(WatchHit(matcher, "Harbour news", "", "sr", "www.example.org"));
        Assert.Null(WatchHit(matcher, "Harbour news", "", "en", "example.net"));
    }

    [Fact]
    public void The_snippet_is_the_passage_where_the_watch_was_found()
    {
        var matcher = With("lighthouse keeper");

        var hit = WatchHit(matcher, "Coast news", "Rain fell all week. The lighthouse keeper retired after forty years. Fishing resumed.");

        Assert.NotNull(hit);
        Assert.Equal("The lighthouse keeper retired after forty years.", hit.Snippet);
        Assert.Equal(2, hit.SnippetHighlights.Count);
    }

    [Fact]
    public void Watches_change_nothing_about_the_topics_and_subscribers_sharing_a_watch_share_its_hit()
    {
        var plain = new TopicMatcher(Topics);
        var watched = With("ferry", "Ferry", "harbour");
        const string title = "Ferry strike";
        const string text = "The ferry did not sail from the harbour.";

        Assert.Equal(plain.Match(title, text).Single().Score, watched.Match(title, text).Single(h => h.TopicId == "ferries").Score);
        Assert.Equal(2, watched.WatchCount);
        Assert.Equal(2, watched.Match(title, text).Count(h => WatchQuery.IsWatchId(h.TopicId)));
    }
}
