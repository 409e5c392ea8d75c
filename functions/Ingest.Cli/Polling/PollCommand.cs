using System.CommandLine;
using Ingest.Composition;
using Ingest.Core.Model;
using Ingest.Core.Polling;
using Ingest.Core.Settings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace Ingest.Cli.Polling;

/// <summary>
/// <c>ingest poll --once</c>: one poll cycle in this process, without the Functions host: the catalogue imported,
/// every due feed polled (or every enabled feed with <c>--all</c>), and what was found printed.
/// </summary>
internal static class PollCommand
{
    public static Command Create()
    {
        var once = new Option<bool>("--once") { Description = "Run one cycle and exit (required: the service itself polls on its timer)." };
        var all = new Option<bool>("--all") { Description = "Poll every enabled feed, due or not." };
        var command = new Command("poll", "Poll the feeds once in-process and print new articles and hits (with a progress display in a terminal).") { once, all };
        CommandAction.Set(command, async (parseResult, context, cancellationToken) =>
        {
            if (!parseResult.GetValue(once))
            {
                throw new CliException("ingest poll runs one cycle: add --once (use 'ingest host' to run the service)", ExitCodes.BadInput);
            }

            // Everything the cycle uses is built first, so a bad setting fails before any storage is touched.
            using var services = IngestServices.Build(context.Settings, context.SettingsFolder);
            var poller = services.GetRequiredService<FeedPoller>();
            var catalogue = services.GetRequiredService<IOptions<FeedCatalogFile>>().Value.Path;
            await services.GetRequiredService<IStorageSetup>().EnsureCreatedAsync(cancellationToken);
            var import = await services.GetRequiredService<CatalogImport>().ImportFileAsync(catalogue, cancellationToken);
            await context.Output.WriteLineAsync($"Catalogue {catalogue}: {import}.");

            var now = TimeProvider.System.GetUtcNow();
            var feeds = (await services.GetRequiredService<IFeedStore>().ListAsync(cancellationToken))
                .Where(f => parseResult.GetValue(all) ? f.Enabled : f.IsDue(now))
                .ToList();
            var outcomes = await PollAllAsync(poller, feeds, now, context.Output == Console.Out && !Console.IsOutputRedirected, cancellationToken);

            foreach (var outcome in outcomes.OrderBy(o => o.FeedId, StringComparer.Ordinal))
            {
                await context.Output.WriteLineAsync(outcome.ToString());
                foreach (var hit in outcome.Hits.OrderBy(h => h.TopicId, StringComparer.Ordinal))
                {
                    await context.Output.WriteLineAsync($"  [{hit.TopicId} {hit.Score:0.0}] {hit.Title}");
                }
            }

            var hits = outcomes.Sum(o => o.Hits.Count);
            await context.Output.WriteLineAsync($"Polled {outcomes.Count} feeds: {outcomes.Sum(o => o.NewArticles.Count)} new articles, {hits} hits, {outcomes.Count(o => o.Error is not null)} feeds with errors.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<List<PollOutcome>> PollAllAsync(FeedPoller poller, List<FeedRecord> feeds, DateTimeOffset now, bool interactive, CancellationToken cancellationToken)
    {
        var outcomes = new List<PollOutcome>();
        async Task RunAsync(Action? advance)
        {
            await Parallel.ForEachAsync(feeds, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (feed, ct) =>
            {
                var outcome = await poller.PollAsync(new PollRequest(feed.Id, now), ct);
                lock (outcomes)
                {
                    outcomes.Add(outcome);
                }

                advance?.Invoke();
            });
        }

        if (!interactive || feeds.Count == 0)
        {
            await RunAsync(null);
            return outcomes;
        }

        await AnsiConsole.Progress().StartAsync(async progress =>
        {
            var task = progress.AddTask($"Polling {feeds.Count} feeds", maxValue: feeds.Count);
            await RunAsync(() => task.Increment(1));
        });
        return outcomes;
    }
}
