using System.CommandLine;
using System.Globalization;
using Ingest.Composition;
using Ingest.Core.Model;
using Ingest.Core.Stories;
using Ingest.Core.Topics;
using Microsoft.Extensions.DependencyInjection;

namespace Ingest.Cli.Stories;

/// <summary>
/// <c>ingest stories</c>: recent stories with their reports and topics (<c>ingest stories cluster</c>: a file of reports
/// filed offline, see <see cref="ClusterCommand"/>); <c>ingest spikes</c>: a topic's new stories
/// per hour against its baseline, and its spikes.
/// </summary>
internal static class StoryCommands
{
    public static IEnumerable<Command> Create()
    {
        yield return Stories();
        yield return Spikes();
    }

    private static Command Stories()
    {
        var since = SinceOption();
        var topic = new Option<string?>("--topic") { Description = "Only stories on this topic." };
        var command = new Command("stories", "List the stories (events) Ingest founded since a time, newest first, each with its reports (feed, title, link) and topics; 'stories cluster' files a file of reports offline.") { since, topic, ClusterCommand.Create() };
        CommandAction.Set(command, async (parseResult, context, cancellationToken) =>
        {
            using var services = IngestServices.Build(context.Settings, context.SettingsFolder);
            var from = Since(parseResult.GetValue(since));
            var stories = (await services.GetRequiredService<IStoryStore>().ListAsync(from, cancellationToken))
                .Where(s => parseResult.GetValue(topic) is not { } t || s.Topics.Contains(t))
                .ToList();
            var reports = (await services.GetRequiredService<IHitReader>().ReadFoundSinceAsync(stories.SelectMany(s => s.Topics).Distinct().ToList(), from, cancellationToken))
                .Where(h => h.StoryId is not null)
                .DistinctBy(h => h.ArticleKey)
                .ToLookup(h => h.StoryId!);
            await context.Output.WriteLineAsync($"{stories.Count} stories since {from:yyyy-MM-dd HH:mm} UTC");
            foreach (var story in stories)
            {
                await context.Output.WriteLineAsync($"\n{story.FoundAt:yyyy-MM-dd HH:mm}  {story.Title}");
                await context.Output.WriteLineAsync($"  {story.Id} · {story.ArticleCount} report(s) · {string.Join(", ", story.Topics)}");
                foreach (var report in reports[story.Id].OrderBy(r => r.FoundAt))
                {
                    await context.Output.WriteLineAsync($"  - {report.FeedId}: {report.Title} <{report.Url}>");
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Spikes()
    {
        var since = SinceOption();
        var topic = new Option<string>("--topic") { Description = "The topic id (as in seeds/topics.json).", Required = true };
        var command = new Command("spikes", "Show a topic's new stories per hour since a time against its baseline (the same hour of the previous 7 days), and the spikes stored for it.") { topic, since };
        CommandAction.Set(command, async (parseResult, context, cancellationToken) =>
        {
            using var services = IngestServices.Build(context.Settings, context.SettingsFolder);
            var id = parseResult.GetValue(topic)!;
            if (!services.GetRequiredService<TopicMatcher>().Model.Topics.Any(t => t.Id == id))
            {
                throw new CliException($"--topic: no topic '{id}' in the model", ExitCodes.BadInput);
            }

            var rules = services.GetRequiredService<SpikeRules>();
            var from = Since(parseResult.GetValue(since));
            var now = TimeProvider.System.GetUtcNow();
            var stories = await services.GetRequiredService<IStoryStore>().ListAsync(SpikeDetector.Since(from, rules), cancellationToken);
            await context.Output.WriteLineAsync($"{id}: new stories in the hour before each time (UTC), against the same hour on the previous {rules.BaselineDays} days");
            await context.Output.WriteLineAsync("hour               stories  usual  threshold");
            for (var end = new DateTimeOffset(from.UtcDateTime.Date.AddHours(from.UtcDateTime.Hour + 1), TimeSpan.Zero); end <= now + SpikeDetector.Hour; end += SpikeDetector.Hour)
            {
                var verdict = SpikeDetector.Evaluate(id, stories, end < now ? end : now, rules);
                await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{verdict.At:yyyy-MM-dd HH:mm}  {verdict.Count,7}  {verdict.Mean,5:0.0}  {verdict.Threshold,9:0.0}{(verdict.IsSpike ? "  SPIKE" : "")}"));
            }

            var spikes = await services.GetRequiredService<ISpikeStore>().ListAsync([id], from, cancellationToken);
            await context.Output.WriteLineAsync($"\n{spikes.Count} spike(s) since {from:yyyy-MM-dd HH:mm}");
            foreach (var spike in spikes)
            {
                var ended = spike.EndedAt is { } end ? $"ended {end:yyyy-MM-dd HH:mm}" : "still on";
                await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {spike.StartedAt:yyyy-MM-dd HH:mm}, {ended}: peak {spike.Peak} new stories in an hour (usually {spike.Mean:0.#}), {spike.StoryIds.Count} stories"));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Option<string?> SinceOption() => new("--since") { Description = "A UTC time or date such as 2026-12-01 or 2026-12-01T06:00 (default: 24 hours ago)." };

    private static DateTimeOffset Since(string? text) =>
        text is null
            ? TimeProvider.System.GetUtcNow().AddDays(-1)
            : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var since)
                ? since
                : throw new CliException($"--since must be a date or time such as 2026-12-01T06:00, not '{text}'", ExitCodes.BadInput);
}
