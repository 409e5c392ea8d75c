using System.CommandLine;
using System.Text.Json.Nodes;

namespace Ingest.Cli.Topics;

/// <summary><c>ingest match</c>: JSON lines of articles in, JSON lines of their topics out.</summary>
internal static class MatchCommand
{
    public static Command Create(Func<TextReader> input)
    {
        var topics = TopicsOption.Create();
        var command = new Command("match", "Read JSON lines {\"id\",\"title\",\"text\"} on stdin; print one JSON line per article with the topics at or above their threshold, each with score, matched terms and snippet.")
        {
            topics,
        };
        CommandAction.Set(command, async (parseResult, context, cancellationToken) =>
        {
            var matcher = TopicsOption.Load(parseResult.GetValue(topics), context);
            var reader = input();
            var bad = 0;
            var lineNumber = 0;
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                if (ArticleLine.Parse(line, lineNumber, out var error) is not { } article)
                {
                    bad++;
                    await context.Error.WriteLineAsync($"ingest: {error}");
                    continue;
                }

                var hits = matcher.Match(article.Title, article.Text);
                var output = new JsonObject
                {
                    ["id"] = article.Id,
                    ["topics"] = new JsonArray(hits.Select(h => (JsonNode)new JsonObject
                    {
                        ["id"] = h.TopicId,
                        ["score"] = h.Score,
                        ["matched"] = new JsonArray(h.Matched.Select(m => (JsonNode)new JsonObject { ["term"] = m.Term, ["count"] = m.Count }).ToArray()),
                        ["snippet"] = h.Snippet,
                    }).ToArray()),
                };
                await context.Output.WriteLineAsync(output.ToJsonString(CliJson.Compact));
            }

            return bad == 0 ? ExitCodes.Success : ExitCodes.BadInput;
        });
        return command;
    }
}
