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

    [Fact]
    public async Task Feeds_export_writes_the_catalogue_as_opml_that_feeds_import_adds_to_another_catalogue_once()
    {
        using var azurite = await AzuriteServer.StartPrivateAsync();
        var folder = Directory.CreateTempSubdirectory("ingest-opml-").FullName;
        var source = Path.Combine(folder, "source.json");
        await File.WriteAllTextAsync(source, """
            {"feeds": [
              {"id": "harbour", "title": "Harbour News", "url": "https://harbour.example/feed", "home": "https://harbour.example/", "language": "sr", "country": "RS", "source": "written for this test"},
              {"id": "coast", "title": "Обала", "url": "https://coast.example/rss", "language": "mk", "country": "MK"}
            ]}
            """);
        var target = Path.Combine(folder, "target.json");
        await File.WriteAllTextAsync(target, """{"//": "kept as it is", "feeds": [{"id": "coast", "url": "https://coast.example/rss"}]}""");
        var settings = CliRunner.SettingsFile(("AzureWebJobsStorage", azurite.ConnectionString), ("FeedsPath", target));

        var export = await CliRunner.RunAsync("feeds", "export", "--opml", "--file", source);
        var noFormat = await CliRunner.RunAsync("feeds", "export", "--file", source);
        var opml = Path.Combine(folder, "reader.opml");
        await File.WriteAllTextAsync(opml, export.Output);
        var first = await CliRunner.RunAsync("feeds", "import", opml, "--settings", settings);
        var again = await CliRunner.RunAsync("feeds", "import", opml, "--settings", settings);

        Assert.True(export.ExitCode == ExitCodes.Success, export.Error);
        Assert.Contains("xmlUrl=\"https://harbour.example/feed\"", export.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadInput, noFormat.ExitCode);
        Assert.True(first.ExitCode == ExitCodes.Success, first.Error);
        Assert.Contains("reader.opml: 2 feeds, 1 new added", first.Output, StringComparison.Ordinal);
        Assert.Contains("2 feeds; 2 added", first.Output, StringComparison.Ordinal);
        Assert.Contains("2 feeds, 0 new added", again.Output, StringComparison.Ordinal);
        using var merged = JsonDocument.Parse(await File.ReadAllTextAsync(target));
        Assert.Equal("kept as it is", merged.RootElement.GetProperty("//").GetString());
        var added = merged.RootElement.GetProperty("feeds")[1];
        Assert.Equal(("harbour-news", "https://harbour.example/feed", "RS", "sr"), (added.GetProperty("id").GetString(), added.GetProperty("url").GetString(), added.GetProperty("country").GetString(), added.GetProperty("language").GetString()));
        Assert.StartsWith("OPML import of reader.opml on ", added.GetProperty("source").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Importing_something_that_is_not_opml_is_bad_input_and_leaves_the_catalogue_alone()
    {
        var folder = Directory.CreateTempSubdirectory("ingest-opml-").FullName;
        var target = Path.Combine(folder, "target.json");
        const string catalogue = """{"feeds": [{"id": "coast", "url": "https://coast.example/rss"}]}""";
        await File.WriteAllTextAsync(target, catalogue);
        var bomb = Path.Combine(folder, "bomb.opml");
        await File.WriteAllTextAsync(bomb, "<!DOCTYPE opml [<!ENTITY a \"aaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]><opml><body><outline text=\"&b;\" xmlUrl=\"https://x.example/\"/></body></opml>");

        var result = await CliRunner.RunAsync("feeds", "import", bomb, "--file", target);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("not well-formed", result.Error, StringComparison.Ordinal);
        Assert.Equal(catalogue, await File.ReadAllTextAsync(target));
    }
}
