using System.Text.Json;
using Ingest.Core.Polling;
using Ingest.Testing;

namespace Ingest.Core.Tests.Polling;

/// <summary>The shipped catalogue of real sources (<c>seeds/feeds.json</c>): complete, unique and traceable, read without the network.</summary>
public sealed class SourceCatalogueTests
{
    private static readonly string CataloguePath = Path.Combine(RepositoryRoot.Path, "seeds", "feeds.json");
    private static readonly IReadOnlyList<CatalogEntry> Entries = FeedCatalog.LoadEntries(File.ReadAllText(CataloguePath), CataloguePath);

    [Fact]
    public void It_lists_at_least_forty_sources_each_with_every_field()
    {
        Assert.True(Entries.Count >= 40, $"{Entries.Count} sources");
        Assert.All(Entries, e =>
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Feed.Title), e.Feed.Id);
            Assert.True(Uri.TryCreate(e.Home, UriKind.Absolute, out var home) && home.Scheme is "http" or "https", e.Feed.Id);
            Assert.Contains(e.Feed.Language ?? "", FeedCatalog.Languages);
            Assert.Contains(e.Country ?? "", FeedCatalog.Countries);
            Assert.True(e.Feed.Enabled, e.Feed.Id);
        });
    }

    [Fact]
    public void Ids_addresses_and_outlets_are_unique()
    {
        Assert.Equal(Entries.Count, Entries.Select(e => e.Feed.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Entries.Count, Entries.Select(e => e.Feed.Url.TrimEnd('/')).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(Entries.Count, Entries.Select(e => e.Feed.Title).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void Every_address_says_where_it_was_found()
    {
        Assert.All(Entries, e =>
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Source), e.Feed.Id);
            var isPage = Uri.TryCreate(e.Source, UriKind.Absolute, out var page) && page.Scheme == "https";
            Assert.True(isPage || e.Source!.StartsWith("search tool, ", StringComparison.Ordinal), $"{e.Feed.Id}: {e.Source}");
        });
    }

    [Fact]
    public void It_covers_the_region_its_languages_and_the_international_desks()
    {
        var countries = Entries.GroupBy(e => e.Country!).ToDictionary(g => g.Key, g => g.Count());
        var languages = Entries.Select(e => e.Feed.Language!).ToHashSet();

        Assert.All(FeedCatalog.Countries, c => Assert.True(countries.GetValueOrDefault(c) >= 3, $"{c}: {countries.GetValueOrDefault(c)}"));
        Assert.Equal(FeedCatalog.Languages.Order(), languages.Order());
        Assert.Contains(Entries, e => e.Feed.Id == "nato-news");
        Assert.Contains(Entries, e => e.Feed.Title!.Any(c => c is >= 'Ѐ' and <= 'ӿ') && e.Feed.Language == "sr");
    }

    [Theory]
    [InlineData("""{"id":"a1","url":"https://a.example/","language":"de"}""", "\"language\" must be one of")]
    [InlineData("""{"id":"a1","url":"https://a.example/","country":"Serbia"}""", "\"country\" must be one of")]
    [InlineData("""{"id":"a1","url":"https://a.example/","home":"a.example"}""", "\"home\" must be an absolute http(s) address")]
    [InlineData("""{"id":"a1","url":"https://a.example/","source":"  "}""", "\"source\" must say where the address was found")]
    public void A_bad_entry_is_refused_with_its_field_named(string entry, string expected)
    {
        var error = Assert.Throws<FormatException>(() => FeedCatalog.Load($$"""{"feeds":[{{entry}}]}""", "feeds.json"));

        Assert.Contains("feed 'a1': " + expected, error.Message);
    }

    [Fact]
    public void The_same_address_twice_is_refused()
    {
        var json = JsonSerializer.Serialize(new { feeds = new[] { new { id = "one", url = "https://a.example/feed" }, new { id = "two", url = "https://A.example/feed" } } });

        var error = Assert.Throws<FormatException>(() => FeedCatalog.Load(json, "feeds.json"));

        Assert.Contains("feed 'two': another feed already has the address https://a.example/feed", error.Message);
    }
}
