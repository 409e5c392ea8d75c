using System.Globalization;
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

    /// <remarks>The timeout guards against a hang only: the hostile pages once took minutes (nesting, backtracking).</remarks>
    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Pages))]
    public async Task Extracts_the_main_text_between_its_first_and_last_words(string name)
    {
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(PagesDirectory, Path.ChangeExtension(name, ".expected.json"))))!.AsObject();
        var pageUrl = expected["_pageUrl"]?.GetValue<string>() is { } url ? new Uri(url) : null;

        var html = await File.ReadAllTextAsync(Path.Combine(PagesDirectory, name));
        var article = await Task.Run(() => ArticleExtractor.Extract(html, pageUrl));

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
            Assert.Equal(expected["published"]?.GetValue<string>(), article.PublishedAt?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        }

        var warnings = expected["warnings"]?.AsArray().Select(w => w!.GetValue<string>()).ToList() ?? [];
        Assert.Equal(warnings.Count, article.Warnings?.Count ?? 0);
        foreach (var (fragment, warning) in warnings.Zip(article.Warnings ?? []))
        {
            Assert.Contains(fragment, warning);
        }

        if (expected.ContainsKey("language"))
        {
            Assert.Equal(expected["language"]?.GetValue<string>(), article.Language);
        }
    }

    [Fact]
    public void A_page_over_its_time_budget_is_read_as_plain_text_with_its_metadata()
    {
        var html = File.ReadAllText(Path.Combine(PagesDirectory, "01-article-tag.html"));

        var article = ArticleExtractor.Extract(html, null, new ExtractionLimits { TimeBudget = TimeSpan.Zero });

        Assert.Contains("read as plain text", Assert.Single(article.Warnings!));
        Assert.Equal(ArticleExtractor.Extract(html).Title, article.Title);
        Assert.Equal(Core.Text.HtmlText.ToPlainText(html), article.Text);
    }

    [Theory]
    [InlineData("ad-slot", true)]
    [InlineData("top ads", true)]
    [InlineData("share-buttons", true)]
    [InlineData("headline", false)]
    [InlineData("head-line lead-story", false)]
    [InlineData("loaded", false)]
    public void Class_names_mark_widgets_by_word_not_by_chance(string names, bool unlikely)
    {
        var html = $"<html><body><div class=\"{names}\"><p>The ministry confirmed the purchase of six Rafale jets, with training, spare parts and weapons.</p></div><p>Short.</p></body></html>";

        var article = ArticleExtractor.Extract(html);

        Assert.Equal(unlikely, !article.Text.Contains("Rafale", StringComparison.Ordinal));
    }
}
