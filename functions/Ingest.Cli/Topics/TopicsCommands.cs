using System.CommandLine;
using System.Globalization;
using Ingest.Core.Topics;

namespace Ingest.Cli.Topics;

/// <summary><c>ingest topics …</c>: measure the topic model.</summary>
internal static class TopicsCommands
{
    public static Command Create() => new("topics", "Measure and grow the topic model.") { Eval(), Learn() };

    private static Command Eval()
    {
        var labels = new Option<FileInfo>("--labels") { Description = "JSON lines {\"id\",\"title\",\"text\",\"labels\":[topic ids]}.", Required = true };
        var minPrecision = new Option<double>("--min-precision") { Description = "Exit 1 when any topic's precision is below this (0 to 1).", DefaultValueFactory = _ => 0 };
        var minRecall = new Option<double>("--min-recall") { Description = "Exit 1 when any topic's recall is below this (0 to 1).", DefaultValueFactory = _ => 0 };
        var topics = TopicsOption.Create();
        var eval = new Command("eval", "Measure the model on labelled articles: precision, recall and F1 per topic, then every miss.")
        {
            labels, minPrecision, minRecall, topics,
        };
        CommandAction.Set(eval, async (parseResult, context, cancellationToken) =>
        {
            var matcher = TopicsOption.Load(parseResult.GetValue(topics), context);
            var articles = await ReadLabelsAsync(parseResult.GetValue(labels)!, cancellationToken);
            var result = TopicEvaluation.Evaluate(matcher, articles);
            await context.Output.WriteLineAsync($"{articles.Count} articles");
            await WriteScoresAsync(context.Output, result);

            var below = result.Scores.Where(s => s.Precision < parseResult.GetValue(minPrecision) || s.Recall < parseResult.GetValue(minRecall)).ToList();
            foreach (var s in below)
            {
                await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"ingest: topic {s.TopicId} is below the bar: precision {s.Precision:0.000}, recall {s.Recall:0.000}"));
            }

            return below.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
        });
        return eval;
    }

    private static async Task<List<LabelledArticle>> ReadLabelsAsync(FileInfo file, CancellationToken cancellationToken)
    {
        if (!file.Exists)
        {
            throw new CliException($"{file.FullName}: no such file", ExitCodes.BadInput);
        }

        var articles = new List<LabelledArticle>();
        var lineNumber = 0;
        foreach (var line in await File.ReadAllLinesAsync(file.FullName, cancellationToken))
        {
            lineNumber++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                articles.Add(ArticleLine.Parse(line, lineNumber, out var error) ?? throw new CliException($"{file.Name}: {error}", ExitCodes.BadInput));
            }
        }

        return articles;
    }

    private static async Task WriteScoresAsync(TextWriter output, TopicEvaluationResult result)
    {
        await output.WriteLineAsync($"{"topic",-18} {"precision",9} {"recall",7} {"F1",6}   tp  fp  fn");
        foreach (var s in result.Scores)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{s.TopicId,-18} {s.Precision,9:0.000} {s.Recall,7:0.000} {s.F1,6:0.000}  {s.TruePositives,3} {s.FalsePositives,3} {s.FalseNegatives,3}"));
        }

        if (result.Misses.Count > 0)
        {
            await output.WriteLineAsync("misses:");
            foreach (var miss in result.Misses)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {(miss.Missed ? "missed" : "wrongly")} {miss.TopicId,-18} {miss.ArticleId} (score {miss.Score:0.##})"));
            }
        }
    }

    private static Command Learn()
    {
        var documents = new Argument<FileInfo[]>("documents") { Description = "Text files of new seed documents.", Arity = ArgumentArity.OneOrMore };
        var top = new Option<int>("--top") { Description = "How many candidates to show.", DefaultValueFactory = _ => 40 };
        var json = new Option<bool>("--json") { Description = "Print JSON lines {term, kind, score, count, documents, example, known} instead of a table." };
        var learnTopics = TopicsOption.Create();
        var learn = new Command("learn", "Propose candidate terms from documents: distinctive words, phrases, acronyms and names, with scores and where they occur; terms the model already has are marked. The curator decides what goes into the model.")
        {
            documents, top, json, learnTopics,
        };
        CommandAction.Set(learn, async (parseResult, context, cancellationToken) =>
        {
            var files = parseResult.GetValue(documents)!;
            var missing = files.FirstOrDefault(f => !f.Exists);
            if (missing is not null)
            {
                throw new CliException($"{missing.FullName}: no such file", ExitCodes.BadInput);
            }

            var texts = new List<(string, string)>();
            foreach (var file in files)
            {
                texts.Add((file.Name, await File.ReadAllTextAsync(file.FullName, cancellationToken)));
            }

            var candidates = TermLearner.Propose(texts, TopicsOption.Load(parseResult.GetValue(learnTopics), context), parseResult.GetValue(top));
            foreach (var c in candidates)
            {
                await context.Output.WriteLineAsync(parseResult.GetValue(json)
                    ? System.Text.Json.JsonSerializer.Serialize(new { term = c.Term, kind = c.Kind, score = c.Score, count = c.Count, documents = c.Documents, example = c.Example, known = c.Known }, CliJson.Compact)
                    : string.Create(CultureInfo.InvariantCulture, $"{c.Score,7:0.00}  {c.Kind,-7} {c.Count,4}x in {c.Documents.Count}  {(c.Known ? "known " : "new   ")} {c.Term}"));
            }

            return ExitCodes.Success;
        });

        return learn;
    }
}
