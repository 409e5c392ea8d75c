using System.Text.Json;
using Ingest.Testing;

namespace Ingest.Cli.Tests;

/// <summary><c>ingest poll --once</c> against an Azurite of its own (it writes the app's fixed tables) and a loopback feed.</summary>
public sealed class PollCommandTests
{
    private const string Feed = """
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0"><channel><title>Test wire</title><link>http://example.test/</link><description>Written for Ingest's tests.</description>
        <item><title>KFOR reinforces its patrols around Zvečan</title><link>http://example.test/kfor</link><pubDate>Fri, 20 Nov 2026 08:00:00 GMT</pubDate>
        <description>NATO's Kosovo Force sent more troops to northern Kosovo under UNSCR 1244, the KFOR commander said.</description></item>
        <item><title>A new bakery opens in Novi Sad</title><link>http://example.test/bakery</link><pubDate>Fri, 20 Nov 2026 09:00:00 GMT</pubDate>
        <description>It sells bread and burek from six in the morning.</description></item>
        </channel></rss>
        """;

    [Fact]
    public async Task One_cycle_imports_the_catalogue_polls_due_feeds_and_prints_what_it_found()
    {
        using var azurite = await AzuriteServer.StartPrivateAsync();
        await using var server = await LoopbackHttpServer.StartAsync();
        server.MapText("/wire.xml", Feed);
        var catalogue = Path.Combine(Directory.CreateTempSubdirectory("ingest-poll-").FullName, "feeds.json");
        await File.WriteAllTextAsync(catalogue, JsonSerializer.Serialize(new { feeds = new[] { new { id = "wire", url = server.Url("/wire.xml").AbsoluteUri } } }));
        var settings = CliRunner.SettingsFile(
            ("AzureWebJobsStorage", azurite.ConnectionString),
            ("FeedsPath", catalogue),
            ("TopicsPath", Path.Combine(RepositoryRoot.Path, "seeds", "topics.json")),
            ("Fetch__AllowLoopback", "true"));

        var first = await CliRunner.RunAsync("poll", "--once", "--settings", settings);
        var notDue = await CliRunner.RunAsync("poll", "--once", "--settings", settings);
        var forced = await CliRunner.RunAsync("poll", "--once", "--all", "--settings", settings);
        var withoutOnce = await CliRunner.RunAsync("poll", "--settings", settings);

        Assert.Equal(ExitCodes.Success, first.ExitCode);
        Assert.Contains("1 added", first.Output);
        Assert.Contains("wire: ok, 2 items, 2 new, 1 hits", first.Output);
        Assert.Matches(@"\[kfor \d+\.\d\] KFOR reinforces its patrols around Zvečan", first.Output);
        Assert.Contains("Polled 0 feeds", notDue.Output);
        Assert.Contains("wire: ok, 2 items, 0 new, 0 hits", forced.Output);
        Assert.Equal(ExitCodes.BadInput, withoutOnce.ExitCode);
        Assert.Contains("--once", withoutOnce.Error);
    }

    [Fact]
    public async Task A_feed_of_two_thousand_items_is_polled_and_its_state_saved_and_a_repeat_adds_nothing()
    {
        using var azurite = await AzuriteServer.StartPrivateAsync();
        await using var server = await LoopbackHttpServer.StartAsync();
        var items = string.Concat(Enumerable.Range(0, 2_000).Select(i =>
            $"<item><title>Archive note {i}</title><link>http://example.test/archive/{i}</link><pubDate>Fri, 20 Nov 2026 08:00:00 GMT</pubDate><description>Entry {i}.</description></item>"));
        server.MapText("/archive.xml", $"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Archive</title><link>http://example.test/</link>{items}</channel></rss>");
        var catalogue = Path.Combine(Directory.CreateTempSubdirectory("ingest-poll-").FullName, "feeds.json");
        await File.WriteAllTextAsync(catalogue, JsonSerializer.Serialize(new { feeds = new[] { new { id = "archive", url = server.Url("/archive.xml").AbsoluteUri } } }));
        var settings = CliRunner.SettingsFile(("AzureWebJobsStorage", azurite.ConnectionString), ("FeedsPath", catalogue),
            ("TopicsPath", Path.Combine(RepositoryRoot.Path, "seeds", "topics.json")), ("Fetch__AllowLoopback", "true"));

        // The feed row once kept every item's key and outgrew Table Storage's 32K-character property limit at ~1,900 items.
        var first = await CliRunner.RunAsync("poll", "--once", "--settings", settings);
        var repeat = await CliRunner.RunAsync("poll", "--once", "--all", "--settings", settings);

        Assert.True(first.ExitCode == ExitCodes.Success, first.Output + first.Error);
        Assert.Contains("archive: ok, 2000 items, 2000 new", first.Output);
        Assert.Equal(ExitCodes.Success, repeat.ExitCode);
        Assert.Contains("archive: ok, 2000 items, 0 new", repeat.Output);
    }

    [Theory]
    [InlineData("Fetch__TimeoutSeconds", "soon", "ingest: Fetch__TimeoutSeconds must be a whole number of at least 1, not 'soon'.")]
    [InlineData("AzureWebJobsStorage", "AccountName=ingest", "ingest: AzureWebJobsStorage is not a storage connection string")]
    [InlineData("TopicsPath", "nowhere/topics.json", "ingest: TopicsPath: nowhere/topics.json does not exist.")]
    public async Task A_bad_setting_fails_the_command_with_one_line_naming_it(string key, string value, string expected)
    {
        var catalogue = Path.Combine(Directory.CreateTempSubdirectory("ingest-poll-").FullName, "feeds.json");
        await File.WriteAllTextAsync(catalogue, """{"feeds":[]}""");
        var settings = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["FeedsPath"] = catalogue,
            ["TopicsPath"] = Path.Combine(RepositoryRoot.Path, "seeds", "topics.json"),
            [key] = value,
        };

        var run = await CliRunner.RunAsync("poll", "--once", "--settings", CliRunner.SettingsFile([.. settings.Select(s => (s.Key, s.Value))]));

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.StartsWith(expected, Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }
}
