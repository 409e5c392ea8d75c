using System.Text.Json;
using Ingest.Core.Topics;
using Ingest.Testing;

namespace Ingest.Core.Tests.Topics;

/// <summary>
/// The shipped model on articles written for Ingest in the languages the region's news is read in besides English
/// and BCMS: Macedonian (Cyrillic) and Albanian, and the Bulgarian, Russian, Greek and German that coverage of the
/// region uses (the <c>mk-</c>, <c>sq-</c>, <c>bg-</c>, <c>ru-</c>, <c>el-</c> and <c>de-</c> entries of the development
/// set): each finds exactly its topics, and one on something else in each language finds none.
/// </summary>
public sealed class RegionalLanguageTopicTests
{
    private static readonly TopicMatcher Shipped = new(TopicModelLoader.LoadFile(Path.Combine(RepositoryRoot.Path, "seeds", "topics.json")));

    private static readonly string[] Languages = ["mk-", "sq-", "bg-", "ru-", "el-", "de-"];

    public static TheoryData<string, string, string, string[]> Articles()
    {
        var data = new TheoryData<string, string, string, string[]>();
        foreach (var line in File.ReadLines(Path.Combine(RepositoryRoot.Path, "tests", "Ingest.Core.Tests", "Fixtures", "Topics", "devset.jsonl")))
        {
            using var row = JsonDocument.Parse(line);
            var id = row.RootElement.GetProperty("id").GetString()!;
            if (Languages.Any(language => id.StartsWith(language, StringComparison.Ordinal)))
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
    public void Every_language_has_articles_on_several_topics_and_one_on_none_and_together_they_cover_every_topic()
    {
        var articles = Articles().Select(row => ((string)row[0], (string[])row[3])).ToList();

        foreach (var language in Languages)
        {
            var written = articles.Where(a => a.Item1.StartsWith(language, StringComparison.Ordinal)).ToList();
            Assert.True(written.SelectMany(a => a.Item2).Distinct().Count() >= 5, $"{language} articles cover fewer than five topics");
            Assert.Contains(written, a => a.Item2.Length == 0);
        }

        Assert.Equal(Shipped.Model.Topics.Select(t => t.Id).Order(), articles.SelectMany(a => a.Item2).Distinct().Order());
    }
}
