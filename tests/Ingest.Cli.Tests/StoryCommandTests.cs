using System.Globalization;
using Ingest.Core.Model;
using Ingest.Core.Stories;
using Ingest.Core.Topics;
using Ingest.Storage;
using Ingest.Storage.Stores;
using Ingest.Testing;

namespace Ingest.Cli.Tests;

/// <summary><c>ingest stories</c> and <c>ingest spikes</c> against an Azurite of their own with stories, hits and a spike in it.</summary>
public sealed class StoryCommandTests
{
    [Fact]
    public async Task Stories_lists_each_story_with_its_reports_and_spikes_shows_the_hours_and_the_spike()
    {
        using var azurite = await AzuriteServer.StartPrivateAsync();
        var account = Ingest.Storage.Accounts.StorageAccount.FromConnectionString(azurite.ConnectionString);
        await StorageLayout.EnsureCreatedAsync(account);
        var now = DateTimeOffset.UtcNow;
        var assigner = new StoryAssigner(new StoryTable(account.GetTableClient(StorageLayout.Stories)), TimeProvider.System);
        var articles = new ArticleTable(account.GetTableClient(StorageLayout.Articles), account.GetTableClient(StorageLayout.Hits));
        foreach (var (key, title, text, feed) in new[]
        {
            ("a1", StoryTexts.CrossingTitle, StoryTexts.Crossing, "wire"),
            ("a2", StoryTexts.CrossingRetitled, StoryTexts.Crossing, "desk"),
            ("a3", StoryTexts.ArmsDealTitle, StoryTexts.ArmsDeal, "wire"),
        })
        {
            var articleKey = key.PadRight(64, '0');
            var story = (await assigner.AssignAsync(new StoryReport(articleKey, title, text, feed, now, ["kfor"], 10), CancellationToken.None)).Story;
            await articles.SaveAsync([], [new StoredHit("kfor", articleKey, title, $"https://{feed}.example/{key}", feed, now, 10, [new MatchedTerm("KFOR", 1)], null, FoundAt: now, StoryId: story.Id)], CancellationToken.None);
        }

        await new SpikeTable(account.GetTableClient(StorageLayout.Spikes)).TrySaveAsync(new Spike("kfor", now.AddMinutes(-30), null, 5, 0.3, 4, ["s-1"]), CancellationToken.None);
        var settings = CliRunner.SettingsFile(("AzureWebJobsStorage", azurite.ConnectionString), ("TopicsPath", Path.Combine(RepositoryRoot.Path, "seeds", "topics.json")));

        var stories = await CliRunner.RunAsync("stories", "--settings", settings);
        var spikes = await CliRunner.RunAsync("spikes", "--topic", "kfor", "--since", now.AddHours(-3).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture), "--settings", settings);
        var unknown = await CliRunner.RunAsync("spikes", "--topic", "football", "--settings", settings);

        Assert.Equal(ExitCodes.Success, stories.ExitCode);
        Assert.StartsWith("2 stories since", stories.Output);
        Assert.Contains("2 report(s) · kfor", stories.Output);
        Assert.Contains($"- desk: {StoryTexts.CrossingRetitled} <https://desk.example/a2>", stories.Output);
        Assert.Contains(StoryTexts.ArmsDealTitle, stories.Output);
        Assert.Equal(ExitCodes.Success, spikes.ExitCode);
        // Three reports, two stories: the hour counts stories.
        Assert.Matches(@"\n\d{4}-\d\d-\d\d \d\d:\d\d        2 ", spikes.Output);
        Assert.Contains("1 spike(s) since", spikes.Output);
        Assert.Contains("still on: peak 5 new stories in an hour (usually 0.3), 1 stories", spikes.Output);
        Assert.Equal(ExitCodes.BadInput, unknown.ExitCode);
        Assert.Contains("no topic 'football'", unknown.Error);
    }

    [Fact]
    public async Task Stories_cluster_files_a_file_of_reports_under_events_in_publication_order_and_names_bad_lines()
    {
        var input = Path.Combine(Path.GetTempPath(), $"reports-{Guid.NewGuid():N}.jsonl");
        string Line(string id, string language, string published, string title, string text) =>
            System.Text.Json.JsonSerializer.Serialize(new { id, url = $"https://example.org/{id}", outlet = $"outlet-{id}", language, published, title, text, extra = 1 });
        await File.WriteAllLinesAsync(input,
        [
            Line("later", "en", "2026-12-31", StoryTexts.VisitTitle, StoryTexts.Visit),
            Line("sr", "sr-Latn", "2026-11-30T09:00:00+01:00", StoryTexts.CrossingSerbianTitle, StoryTexts.CrossingSerbian),
            Line("en", "en", "2026-11-30T07:00:00Z", StoryTexts.CrossingTitle, StoryTexts.Crossing),
            Line("cyr", "sr-Cyrl", "2026-11-30T10:00:00", StoryTexts.ToCyrillic(StoryTexts.CrossingSerbianTitle), StoryTexts.ToCyrillic(StoryTexts.CrossingSerbian)),
            Line("deal", "en", "2026-11-30", StoryTexts.ArmsDealTitle, StoryTexts.ArmsDeal),
            "{\"id\": \"undated\", \"title\": \"x\", \"text\": \"y\"}",
        ]);
        try
        {
            var run = await CliRunner.RunAsync("stories", "cluster", "--input", input);

            Assert.Equal(ExitCodes.BadInput, run.ExitCode);
            Assert.Contains("line 6: undated: \"published\" must be an ISO 8601 date or date-time", run.Error);
            var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement).ToList();
            var cluster = lines.ToDictionary(l => l.GetProperty("id").GetString()!, l => l.GetProperty("cluster").GetString()!);
            Assert.Equal(["later", "sr", "en", "cyr", "deal"], cluster.Keys);
            Assert.Equal([cluster["en"], cluster["en"]], new[] { cluster["sr"], cluster["cyr"] });
            Assert.Equal(3, cluster.Values.Distinct().Count());
        }
        finally
        {
            File.Delete(input);
        }
    }
}
