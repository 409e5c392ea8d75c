using Ingest.Core.Topics;
using Ingest.Testing;

namespace Ingest.Core.Tests.Topics;

public sealed class TopicModelLoaderTests
{
    [Fact]
    public void The_shipped_model_loads_with_at_least_eight_topics_and_their_sources()
    {
        var model = TopicModelLoader.LoadFile(Path.Combine(RepositoryRoot.Path, "seeds", "topics.json"));

        Assert.True(model.Topics.Count >= 8);
        Assert.Subset(model.Topics.Select(t => t.Id).ToHashSet(), new HashSet<string> { "kfor", "ipap", "arms" });
        Assert.All(model.Topics, t => Assert.NotEmpty(t.Sources));
    }

    [Theory]
    [InlineData("""{"version":1,"topics":[{"id":"arms","title":"t","description":"d","threshold":1,"terms":[{"forms":["x"],"weight":-1}]}]}""", "topic 'arms': terms[0].weight must be a number of at least 0.01")]
    [InlineData("""{"version":1,"topics":[{"id":"arms","title":"t","description":"d","threshold":1,"terms":[]}]}""", "topic 'arms': terms must be a non-empty array")]
    [InlineData("""{"version":1,"topics":[{"id":"arms","title":"t","description":"d","terms":[{"forms":["x"],"weight":1}]}]}""", "topic 'arms': threshold is missing")]
    [InlineData("""{"version":1,"topics":[{"id":"arms","title":"t","description":"d","threshold":1,"terms":[{"forms":["x*y"],"weight":1}]}]}""", "topic 'arms': terms[0].forms[0] must contain a word, with '*' only at the end of a word")]
    [InlineData("""{"version":1,"topics":[{"id":"arms","title":"t","description":"d","threshold":1,"terms":[{"forms":["x"],"weight":1}],"requireNear":[{"window":0,"a":["x"],"b":["y"]}]}]}""", "topic 'arms': requireNear[0].window must be a whole number of words from 1 to 100")]
    [InlineData("""{"version":1,"topics":[{"id":"Arms!","title":"t","description":"d","threshold":1,"terms":[{"forms":["x"],"weight":1}]}]}""", "topics[0]: id must be lower-case letters, digits and dashes, not 'Arms!'")]
    [InlineData("""{"version":1,"topics":[{"id":"a1","title":"t","description":"d","threshold":1,"terms":[{"forms":["x"],"weight":1}]},{"id":"a1","title":"t","description":"d","threshold":1,"terms":[{"forms":["x"],"weight":1}]}]}""", "topic 'a1': id is used by more than one topic")]
    [InlineData("""{"version":1,"topics":[{"id":"arms","title":"t","description":"d","threshold":1,"terms":[{"forms":["x","Годишњ* национaлн*"],"weight":1}]}]}""", "topic 'arms': terms[0].forms[1] 'Годишњ* национaлн*' mixes Latin and Cyrillic letters in one word")]
    [InlineData("""{"version":1,"topics":[{"id":"arms","title":"t","description":"d","threshold":1,"supportCap":-1,"terms":[{"forms":["x"],"weight":1}]}]}""", "topic 'arms': supportCap must be a number of at least 0")]
    [InlineData("""{"version":1,"topics":[}""", "is not valid JSON")]
    public void A_bad_model_names_the_topic_and_field(string json, string message)
    {
        var error = Assert.Throws<TopicModelException>(() => TopicModelLoader.Load(json));

        Assert.Contains(message, error.Message);
    }
}
