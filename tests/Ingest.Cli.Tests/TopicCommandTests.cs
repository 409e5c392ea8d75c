using System.Text.Json;
using Ingest.Testing;

namespace Ingest.Cli.Tests;

public sealed class TopicCommandTests
{
    private static readonly string Topics = Path.Combine(RepositoryRoot.Path, "seeds", "topics.json");
    private static readonly string DevSet = Path.Combine(RepositoryRoot.Path, "tests", "Ingest.Core.Tests", "Fixtures", "Topics", "devset.jsonl");

    [Fact]
    public async Task The_shipped_model_meets_the_bar_on_the_development_set()
    {
        var (exitCode, output, error) = await CliRunner.RunAsync("topics", "eval", "--labels", DevSet, "--topics", Topics, "--min-precision", "0.9", "--min-recall", "0.85");

        Assert.True(exitCode == ExitCodes.Success, output + error);
        Assert.StartsWith($"{File.ReadLines(DevSet).Count(l => l.Trim().Length > 0)} articles", output);
        Assert.Matches(@"(?m)^kfor\s+\d\.\d{3}\s+\d\.\d{3}\s+\d\.\d{3}", output);
    }

    [Fact]
    public async Task Eval_fails_and_says_which_topic_is_below_the_bar()
    {
        var labels = Path.Combine(Directory.CreateTempSubdirectory("ingest-eval-").FullName, "labels.jsonl");
        await File.WriteAllLinesAsync(labels,
        [
            """{"id":"x1","title":"Concert in Pristina","text":"A music festival in Pristina.","labels":["kfor"]}""",
            """{"id":"x2","title":"KFOR patrols","text":"KFOR patrols the north of Kosovo.","labels":["kfor"]}""",
        ]);

        var (exitCode, output, error) = await CliRunner.RunAsync("topics", "eval", "--labels", labels, "--topics", Topics, "--min-recall", "0.85");

        Assert.Equal(ExitCodes.Failure, exitCode);
        Assert.Contains("missed kfor", output);
        Assert.Contains("x1", output);
        Assert.Contains("ingest: topic kfor is below the bar: precision 1.000, recall 0.500", error);
    }

    [Fact]
    public async Task Match_prints_one_line_per_article_with_explained_topics()
    {
        var input = new StringReader("""
            {"id":"a1","title":"КФОР појачао патроле","text":"Војници КФОР-а патролирају у Звечану и Лепосавићу на северу Косова."}
            {"id":"a2","title":"Rafale for India","text":"New Delhi signed for more Rafale jets."}
            """);

        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await IngestCli.RunAsync(["match", "--topics", Topics], output, error, input: input);

        Assert.Equal(ExitCodes.Success, exitCode);
        var lines = output.ToString().Trim().Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["a1", "a2"], lines.Select(l => l.GetProperty("id").GetString()));
        var kfor = Assert.Single(lines[0].GetProperty("topics").EnumerateArray());
        Assert.Equal("kfor", kfor.GetProperty("id").GetString());
        Assert.True(kfor.GetProperty("score").GetDouble() > 0);
        // Explanations name the words the article used, here in Cyrillic, not the term's first form ("KFOR").
        Assert.Contains(kfor.GetProperty("matched").EnumerateArray(), m => m.GetProperty("term").GetString() == "КФОР");
        Assert.Contains("Звечану", kfor.GetProperty("snippet").GetString());
        Assert.Empty(lines[1].GetProperty("topics").EnumerateArray());
    }

    [Fact]
    public async Task Match_reports_bad_lines_and_still_answers_the_good_ones()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await IngestCli.RunAsync(["match", "--topics", Topics], output, error, input: new StringReader("not json\n{\"id\":\"ok\",\"title\":\"KFOR\",\"text\":\"KFOR\"}\n"));

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.StartsWith("ingest: line 1: not valid JSON", error.ToString());
        Assert.Contains("\"id\":\"ok\"", output.ToString());
    }

    [Fact]
    public async Task A_broken_model_file_is_bad_input_naming_the_field()
    {
        var model = Path.Combine(Directory.CreateTempSubdirectory("ingest-model-").FullName, "topics.json");
        await File.WriteAllTextAsync(model, """{"version":1,"topics":[{"id":"arms","title":"t","description":"d","threshold":1,"terms":[{"forms":["x"]}]}]}""");

        var (exitCode, _, error) = await CliRunner.RunAsync("topics", "eval", "--labels", DevSet, "--topics", model);

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Equal("ingest: topic 'arms': terms[0].weight is missing", error.Trim());
    }
}
