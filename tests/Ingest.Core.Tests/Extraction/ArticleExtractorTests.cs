using System.Text.Json.Nodes;
using Ingest.Core.Extraction;
using Ingest.Testing;

namespace Ingest.Core.Tests.Extraction;

public sealed class ArticleExtractorTests
{
    private static readonly string PagesDirectory = FeedFixtures.PagesDirectory;

    public static TheoryData<string> Pages => [.. Directory.EnumerateFiles(PagesDirectory, "*.html").Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal)];

    [Fact]
    public void There_are_at_least_ten_pages()
    {
        Assert.True(Pages.Count >= 10);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Extracts_the_main_text_between_its_first_and_last_words(string name)
    {
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(PagesDirectory, Path.ChangeExtension(name, ".expected.json"))))!.AsObject();
        var pageUrl = expected["_pageUrl"]?.GetValue<string>() is { } url ? new Uri(url) : null;

        var article = ArticleExtractor.Extract(File.ReadAllText(Path.Combine(PagesDirectory, name)), pageUrl);

        Assert.StartsWith(expected["startsWith"]!.GetValue<string>(), article.Text);
        Assert.EndsWith(expected["endsWith"]!.GetValue<string>(), article.Text);
        foreach (var fragment in expected["contains"]?.AsArray() ?? [])
        {
            Assert.Contains(fragment!.GetValue<string>(), article.Text);
        }

        foreach (var fragment in expected["notContains"]?.AsArray() ?? [])
        {
            Assert.DoesNotContain(fragment!.GetValue<string>(), article.Text);
        }

        Assert.Equal(expected["title"]?.GetValue<string>(), article.Title);
        if (expected.ContainsKey("canonical"))
        {
            Assert.Equal(expected["canonical"]?.GetValue<string>(), article.CanonicalUrl);
        }

        if (expected.ContainsKey("published"))
        {
            Assert.Equal(expected["published"]?.GetValue<string>(), article.PublishedAt?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"));
        }

        if (expected.ContainsKey("language"))
        {
            Assert.Equal(expected["language"]?.GetValue<string>(), article.Language);
        }
    }
}
