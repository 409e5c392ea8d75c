using Ingest.Core.Topics;

namespace Ingest.Core.Tests.Topics;

public sealed class TermLearnerTests
{
    private static readonly (string, string)[] Documents =
    [
        ("a.txt", "The Regional Air Defence Initiative was launched in Skopje. Under the Regional Air Defence Initiative, RADI for short, the three armies share radar data. RADI meetings are held every spring, and the RADI secretariat sits in Skopje."),
        ("b.txt", "Officials said the Regional Air Defence Initiative would expand. RADI now includes a training centre, and the centre trains radar crews from the region. The KFOR liaison attended."),
    ];

    [Fact]
    public void Acronyms_and_names_found_in_several_documents_rank_first()
    {
        var candidates = TermLearner.Propose(Documents);

        Assert.Equal(["RADI", "Regional Air Defence Initiative"], candidates.Take(2).Select(c => c.Term).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(candidates, c => c.Term == "Regional Air Defence");
        var radi = candidates.Single(c => c.Term == "RADI");
        Assert.Equal(("acronym", 4), (radi.Kind, radi.Count));
        Assert.Equal(["a.txt", "b.txt"], radi.Documents);
        Assert.Contains("RADI for short", radi.Example);
    }

    [Fact]
    public void Common_words_never_start_or_end_a_candidate()
    {
        var terms = TermLearner.Propose(Documents, top: 500).Select(c => c.Term.ToLowerInvariant()).ToList();

        Assert.DoesNotContain(terms, t => t.StartsWith("the ", StringComparison.Ordinal) || t.EndsWith(" the", StringComparison.Ordinal) || t == "the");
        Assert.DoesNotContain("and", terms);
    }

    [Fact]
    public void Terms_the_model_already_has_are_marked_known()
    {
        var model = new TopicMatcher(TopicModelLoader.Load("""
            {"version":1,"topics":[{"id":"air","title":"t","description":"d","threshold":1,"terms":[{"forms":["RADI"],"weight":1},{"forms":["rada*"],"weight":1}]}]}
            """));

        var candidates = TermLearner.Propose(Documents, model);

        Assert.True(candidates.Single(c => c.Term == "RADI").Known);
        Assert.False(candidates.Single(c => c.Term == "Regional Air Defence Initiative").Known);
        Assert.True(TermLearner.Propose(Documents, model, top: 500).Single(c => c.Term == "radar").Known);
    }
}
