using Ingest.Core.Model;
using Ingest.Core.Publishing;
using Ingest.Core.Topics;
using Ingest.Testing.Fakes;

namespace Ingest.Core.Tests.Publishing;

/// <summary>The read API's search on the in-memory hits (whose reads the article store contract pins to the table's).</summary>
public sealed class HitSearchTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
    private static readonly WatchQuery Watch = WatchQuery.Parse("Вучић Брисел");
    private readonly InMemoryArticleStore _hits = new();

    private static StoredHit Hit(string topic, string key, int hoursAgo, string title, string? language = "en", string feed = "wire", double score = 6, string? story = null) =>
        new(topic, key.PadRight(64, '0'), title, $"https://news.example/{key}", feed, Now.AddHours(-hoursAgo), score, [new MatchedTerm("KFOR", 1)], $"{title}.", null, Now, story ?? $"s-{key}", language);

    private async Task<HitSearch> SearchAsync(params StoredHit[] hits)
    {
        await _hits.SaveAsync([], hits, CancellationToken.None);
        return new HitSearch(_hits);
    }

    private static HitQuery Query(params (string Name, string Value)[] parameters)
    {
        var (query, errors) = HitQuery.Read(name => [.. parameters.Where(p => p.Name == name).Select(p => p.Value)], Now);
        Assert.True(query is not null, string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value}")));
        return query;
    }

    private static readonly HitScope Reader = new(["kfor", "arms"], new Dictionary<string, string> { [Watch.Id] = Watch.Text }, 5, AnyWatch: false);

    [Fact]
    public async Task Pages_follow_each_other_newest_first_without_a_hit_twice_or_missing()
    {
        var search = await SearchAsync([.. Enumerable.Range(1, 7).Select(n => Hit(n % 2 == 0 ? "kfor" : "arms", $"a{n}", n, $"Report {n}"))]);

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var (page, _) = await search.HitsAsync(Reader, cursor is null ? Query(("limit", "3")) : Query(("limit", "3"), ("cursor", cursor)), CancellationToken.None);
            seen.AddRange(page!.Items.Select(i => i.Title));
            cursor = page.Next;
        }
        while (cursor is not null);

        Assert.Equal([.. Enumerable.Range(1, 7).Select(n => $"Report {n}")], seen);
    }

    [Fact]
    public async Task Filters_narrow_by_topic_language_source_and_words_in_any_script()
    {
        var search = await SearchAsync(
            Hit("kfor", "a1", 1, "KFOR patrols at Jarinje", "en"),
            Hit("kfor", "a2", 2, "КФОР патроле на Јарињу", "sr-Cyrl", "rts"),
            Hit("arms", "a3", 3, "Patrols and tanks in Jarinje", "sr-Latn", "rts"),
            Hit("kfor", "a4", 4, "A faint mention", "en", score: 2));

        Assert.Equal(["a2", "a3"], await Keys(search, ("q", "jarinj* patrol*"), ("language", "sr")));
        Assert.Equal(["a1", "a2"], await Keys(search, ("topic", "kfor")));
        Assert.Equal(["a2", "a3"], await Keys(search, ("source", "rts")));
        Assert.Equal(["a1", "a2", "a3"], await Keys(search, ("since", Now.AddHours(-3.5).ToString("O"))));
    }

    [Fact]
    public async Task A_subscriber_reads_their_watch_by_its_words_but_not_another_topic_or_watch()
    {
        var search = await SearchAsync(Hit(Watch.Id, "w1", 1, "Vučić u Briselu", "sr-Latn", score: 1), Hit("ipap", "i1", 1, "IPAP review"));

        var (watched, _) = await search.HitsAsync(Reader, Query(("watch", "Vucic Brisel")), CancellationToken.None);
        var (_, stranger) = await search.HitsAsync(Reader, Query(("topic", "ipap")), CancellationToken.None);
        var (_, otherWatch) = await search.HitsAsync(Reader, Query(("watch", "Lavrov")), CancellationToken.None);
        var (everything, _) = await search.HitsAsync(Reader, Query(), CancellationToken.None);

        Assert.Equal(Watch.Text, Assert.Single(watched!.Items).Topic);
        Assert.Contains("not one you may read", stranger!.Error, StringComparison.Ordinal);
        Assert.NotNull(otherWatch);
        Assert.DoesNotContain(everything!.Items, i => i.Title == "IPAP review");
    }

    [Fact]
    public async Task Stories_hold_each_event_once_with_its_reports_and_page_like_hits()
    {
        var search = await SearchAsync(
            Hit("kfor", "a1", 1, "KFOR patrols at Jarinje", "en", "wire", story: "s-jarinje"),
            Hit("kfor", "a2", 2, "КФОР на Јарињу", "sr-Cyrl", "rts", story: "s-jarinje"),
            Hit("arms", "a2", 2, "КФОР на Јарињу", "sr-Cyrl", "rts", story: "s-jarinje"),
            Hit("arms", "a3", 5, "Howitzers delivered", "en", "wire", story: "s-howitzers"));

        var (first, _) = await search.StoriesAsync(Reader, Query(("limit", "1")), CancellationToken.None);
        var (second, _) = await search.StoriesAsync(Reader, Query(("limit", "1"), ("cursor", first!.Next!)), CancellationToken.None);

        var jarinje = Assert.Single(first.Items);
        Assert.Equal(("s-jarinje", 2, 2), (jarinje.Id, jarinje.Reports.Count, jarinje.Sources.Count));
        Assert.Equal(["kfor", "arms"], jarinje.Topics);
        Assert.Equal(["sr-Cyrl", "en"], jarinje.Languages);
        Assert.Equal("s-howitzers", Assert.Single(second!.Items).Id);
        Assert.Null(second.Next);
    }

    [Theory]
    [InlineData("limit", "0", "limit")]
    [InlineData("limit", "1000", "limit")]
    [InlineData("since", "yesterday", "since")]
    [InlineData("since", "2026-10-01T00:00:00Z", "since")]
    [InlineData("cursor", "not-a-cursor!", "cursor")]
    [InlineData("q", "a b c d e f g h i", "q")]
    public void A_bad_parameter_is_named_with_why(string name, string value, string refused)
    {
        var (query, errors) = HitQuery.Read(n => n == name ? [value] : [], Now);

        Assert.Null(query);
        Assert.True(errors.ContainsKey(refused), string.Join("; ", errors.Keys));
    }

    private static async Task<List<string>> Keys(HitSearch search, params (string, string)[] parameters) =>
        [.. (await search.HitsAsync(Reader, Query(parameters), CancellationToken.None)).Page!.Items.Select(i => i.Url.Split('/')[^1][..2]).Order(StringComparer.Ordinal)];
}
