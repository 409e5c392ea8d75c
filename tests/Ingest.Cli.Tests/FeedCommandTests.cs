using System.Text.Json;
using Ingest.Testing;

namespace Ingest.Cli.Tests;

public sealed class FeedCommandTests
{
    [Theory]
    [MemberData(nameof(FeedFixtures.All), MemberType = typeof(FeedFixtures))]
    public async Task Feeds_parse_prints_the_contract_for_feeds_and_one_line_for_everything_else(string name)
    {
        var path = FeedFixtures.PathOf(name);
        var expected = FeedFixtures.Expected(name);

        var (exitCode, output, error) = await CliRunner.RunAsync("feeds", "parse", path);

        if (expected["error"] is not null)
        {
            Assert.Equal(ExitCodes.BadInput, exitCode);
            Assert.Empty(output);
            Assert.Single(error.TrimEnd().Split('\n'));
            Assert.StartsWith("ingest: ", error);
            return;
        }

        Assert.True(exitCode == ExitCodes.Success, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(
            ["format", "title", "link", "description", "language", "items", "warnings"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(expected["format"]!.GetValue<string>(), root.GetProperty("format").GetString());
        Assert.All(root.GetProperty("items").EnumerateArray(), item => Assert.Equal(
            ["id", "title", "link", "published", "updated", "summary", "content", "authors", "categories"],
            item.EnumerateObject().Select(p => p.Name)));
    }

    [Fact]
    public async Task A_missing_file_is_bad_input()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync("feeds", "parse", "/nonexistent/feed.xml");

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Equal("ingest: /nonexistent/feed.xml: no such file", error.Trim());
    }
}
