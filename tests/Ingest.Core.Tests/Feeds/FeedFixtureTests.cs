using System.Text.Json.Nodes;
using Ingest.Core.Feeds;
using Ingest.Testing;

namespace Ingest.Core.Tests.Feeds;

public sealed class FeedFixtureTests
{
    [Fact]
    public void The_corpus_covers_every_format_with_at_least_forty_feeds()
    {
        var expectations = FeedFixtures.Names.Select(FeedFixtures.Expected).ToList();
        var formats = expectations.Select(e => e["format"]?.GetValue<string>()).Where(f => f is not null).ToHashSet();

        Assert.True(expectations.Count >= 40, $"{expectations.Count} fixtures");
        Assert.Equal(["atom0.3", "atom1.0", "json1.x", "rss0.90", "rss0.9x", "rss1.0", "rss2.0"], formats.Order());
    }

    [Theory]
    [MemberData(nameof(FeedFixtures.All), MemberType = typeof(FeedFixtures))]
    public void Fixture_parses_as_expected(string name)
    {
        var expected = FeedFixtures.Expected(name);
        var feedUrl = expected["_feedUrl"]?.GetValue<string>() is { } url ? new Uri(url) : null;

        if (expected["error"] is { } error)
        {
            var failure = Assert.Throws<FeedParseException>(() => FeedParser.Parse(FeedFixtures.Bytes(name), feedUrl));
            Assert.Equal(error.GetValue<string>(), failure.Failure.ToString());
            Assert.Contains(expected["message"]!.GetValue<string>(), failure.Message);
            Assert.DoesNotContain('\n', failure.Message);
            return;
        }

        var feed = FeedParser.Parse(FeedFixtures.Bytes(name), feedUrl);
        var actual = JsonNode.Parse(FeedContractJson.Write(feed))!.AsObject();

        foreach (var (key, value) in expected)
        {
            switch (key)
            {
                case "_feedUrl":
                    break;
                case "warnings":
                    AssertWarnings(value!.AsArray(), feed.Warnings);
                    break;
                case "enclosures":
                    AssertEnclosures(value!.AsArray(), feed);
                    break;
                default:
                    AssertSubset(value, actual[key], key);
                    break;
            }
        }
    }

    private static void AssertWarnings(JsonArray expected, IReadOnlyList<string> actual)
    {
        if (expected.Count == 0)
        {
            Assert.True(actual.Count == 0, "unexpected warnings: " + string.Join(" | ", actual));
        }

        foreach (var fragment in expected.Select(w => w!.GetValue<string>()))
        {
            Assert.True(actual.Any(w => w.Contains(fragment, StringComparison.Ordinal)), $"no warning contains '{fragment}': {string.Join(" | ", actual)}");
        }
    }

    private static void AssertEnclosures(JsonArray expected, Feed feed)
    {
        for (var i = 0; i < expected.Count; i++)
        {
            var want = expected[i]!.AsArray().Select(e => (e!["url"]!.GetValue<string>(), e["mediaType"]?.GetValue<string>(), e["length"]?.GetValue<long>()));
            Assert.Equal(want, feed.Items[i].Enclosures.Select(e => (e.Url, e.MediaType, e.Length)));
        }
    }

    /// <summary>Every field the expectation names must equal the actual one; arrays must match in length and element by element.</summary>
    private static void AssertSubset(JsonNode? expected, JsonNode? actual, string path)
    {
        switch (expected)
        {
            case JsonObject obj:
                Assert.True(actual is JsonObject, $"{path}: expected an object, got {actual?.ToJsonString() ?? "null"}");
                foreach (var (key, value) in obj)
                {
                    AssertSubset(value, actual![key], $"{path}.{key}");
                }

                break;
            case JsonArray array:
                var actualArray = Assert.IsType<JsonArray>(actual);
                Assert.True(array.Count == actualArray.Count, $"{path}: expected {array.Count} elements, got {actualArray.Count}: {actualArray.ToJsonString()}");
                for (var i = 0; i < array.Count; i++)
                {
                    AssertSubset(array[i], actualArray[i], $"{path}[{i}]");
                }

                break;
            default:
                Assert.True(JsonNode.DeepEquals(expected, actual), $"{path}: expected {expected?.ToJsonString() ?? "null"}, got {actual?.ToJsonString() ?? "null"}");
                break;
        }
    }
}
