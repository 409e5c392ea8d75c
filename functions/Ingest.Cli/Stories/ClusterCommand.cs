using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ingest.Core.Stories;

namespace Ingest.Cli.Stories;

/// <summary>
/// <c>ingest stories cluster</c>: files a file of reports under events with the service's own assigner on an in-memory
/// store, in publication order, and prints which event each report went to — so clustering can be measured on a
/// labelled set without storage.
/// </summary>
internal static class ClusterCommand
{
    public static Command Create()
    {
        var input = new Option<FileInfo>("--input") { Description = "JSON lines of reports: id, title, text, published (ISO 8601), and optionally outlet; other fields are ignored.", Required = true };
        var command = new Command("cluster", "File reports under events offline and print one {\"id\", \"cluster\"} JSON line per report, in input order.") { input };
        CommandAction.Set(command, async (parseResult, context, cancellationToken) =>
        {
            var file = parseResult.GetValue(input)!;
            if (!file.Exists)
            {
                throw new CliException($"--input: no file {file.FullName}", ExitCodes.BadInput);
            }

            var reports = new List<(int Line, ClusterReport Report)>();
            var bad = 0;
            var lineNumber = 0;
            foreach (var line in await File.ReadAllLinesAsync(file.FullName, cancellationToken))
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                if (ClusterReport.Parse(line, out var error) is { } report)
                {
                    reports.Add((lineNumber, report));
                }
                else
                {
                    bad++;
                    await context.Error.WriteLineAsync($"ingest: line {lineNumber}: {error}");
                }
            }

            var clock = new ReplayClock();
            var assigner = new StoryAssigner(new InMemoryStoryStore(), clock);
            var clusters = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (_, report) in reports.OrderBy(r => r.Report.Published).ThenBy(r => r.Line))
            {
                clock.Now = report.Published;
                var filed = await assigner.AssignAsync(report.ToStoryReport(), cancellationToken);
                clusters[report.Id] = filed.Story.Id;
            }

            foreach (var (_, report) in reports)
            {
                await context.Output.WriteLineAsync(new JsonObject { ["id"] = report.Id, ["cluster"] = clusters[report.Id] }.ToJsonString(CliJson.Compact));
            }

            return bad == 0 ? ExitCodes.Success : ExitCodes.BadInput;
        });
        return command;
    }

    /// <summary>One report of the input file.</summary>
    private sealed record ClusterReport(string Id, string Title, string Text, string Outlet, DateTimeOffset Published)
    {
        public StoryReport ToStoryReport() =>
            new(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Id))), Title, Text, Outlet, Published, [], 1);

        public static ClusterReport? Parse(string line, out string? error)
        {
            error = null;
            try
            {
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                if (root.ValueKind != JsonValueKind.Object || Field(root, "id") is not { Length: > 0 } id)
                {
                    error = "expected a JSON object with a string \"id\"";
                    return null;
                }

                if (ParseTime(Field(root, "published")) is not { } published)
                {
                    error = $"{id}: \"published\" must be an ISO 8601 date or date-time";
                    return null;
                }

                return new ClusterReport(id, Field(root, "title") ?? "", Field(root, "text") ?? "", Field(root, "outlet") ?? "unknown", published);
            }
            catch (JsonException ex)
            {
                error = $"not valid JSON ({ex.Message.Split('.')[0]})";
                return null;
            }
        }

        private static string? Field(JsonElement root, string name) =>
            root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        /// <summary>A date alone is taken as its noon UTC, a time without an offset as UTC.</summary>
        private static DateTimeOffset? ParseTime(string? text) =>
            DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                ? new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero)
                : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? at : null;
    }

    /// <summary>The time of the report being filed: what the assigner takes for now when it replays a file.</summary>
    private sealed class ReplayClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
