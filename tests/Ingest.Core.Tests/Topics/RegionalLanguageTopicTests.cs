using System.Text.Json;
using Ingest.Core.Topics;
using Ingest.Testing;

namespace Ingest.Core.Tests.Topics;

/// <summary>
/// The shipped model on articles in Macedonian (Cyrillic) and Albanian written for Ingest (the <c>mk-</c> and <c>sq-</c>
/// entries of the development set): each finds exactly its topics, and one on something else finds none.
/// </summary>
public sealed class RegionalLanguageTopicTests
{
    private static readonly TopicMatcher Shipped = new(TopicModelLoader.LoadFile(Path.Combine(RepositoryRoot.Path, "seeds", "topics.json")));

    public static TheoryData<string, string, string, string[]> Articles()
    {
        var data = new TheoryData<string, string, string, string[]>();
        foreach (var line in File.ReadLines(Path.Combine(RepositoryRoot.Path, "tests", "Ingest.Core.Tests", "Fixtures", "Topics", "devset.jsonl")))
        {
            using var row = JsonDocument.Parse(line);
            var id = row.RootElement.GetProperty("id").GetString()!;
            if (id.StartsWith("mk-", StringComparison.Ordinal) || id.StartsWith("sq-", StringComparison.Ordinal))
            {
                data.Add(id, row.RootElement.GetProperty("title").GetString()!, row.RootElement.GetProperty("text").GetString()!,
                    [.. row.RootElement.GetProperty("labels").EnumerateArray().Select(l => l.GetString()!)]);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Articles))]
    public void Each_article_finds_exactly_its_topics(string id, string title, string text, string[] labels)
    {
        var found = Shipped.Match(title, text).Select(h => h.TopicId).Order();

        Assert.True(labels.Order().SequenceEqual(found), $"{id}: expected [{string.Join(", ", labels)}], found [{string.Join(", ", found)}]");
    }

    [Fact]
    public void Both_languages_are_covered_across_the_topics()
    {
        var articles = Articles().Select(row => ((string)row[0], (string[])row[3])).ToList();

        Assert.True(articles.Count(a => a.Item1.StartsWith("mk-", StringComparison.Ordinal)) >= 10);
        Assert.True(articles.Count(a => a.Item1.StartsWith("sq-", StringComparison.Ordinal)) >= 9);
        Assert.Equal(Shipped.Model.Topics.Select(t => t.Id).Order(), articles.SelectMany(a => a.Item2).Distinct().Order());
    }
}
