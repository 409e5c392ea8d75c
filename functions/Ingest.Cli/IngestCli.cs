using System.CommandLine;
using Ingest.Cli.Feeds;
using Ingest.Cli.Storage;
using Ingest.Cli.Topics;

namespace Ingest.Cli;

/// <summary>The <c>ingest</c> command line: every command is composed here.</summary>
public static class IngestCli
{
    internal static readonly Option<FileInfo?> SettingsOption = new("--settings")
    {
        Description = "A local.settings.json-style file whose \"Values\" are the app settings (default: ./local.settings.json, then ./local.settings.sample.json). Environment variables override it.",
        Recursive = true,
    };

    public static RootCommand CreateRootCommand(Func<TextReader>? input = null)
    {
        input ??= () => Console.In;
        var root = new RootCommand("Ingest: watches news feeds for Western Balkans security news, matches articles against a topic model, and mails digests.")
        {
            FeedCommands.Create(),
            ExtractCommand.Create(),
            MatchCommand.Create(input),
            TopicsCommands.Create(),
            StorageCommands.Create(),
            StatusCommand.Create(),
            QueuesCommands.Create(),
            Hosting.HostCommand.Create(),
            Samples.SamplesCommand.Create(),
            Polling.PollCommand.Create(),
            Digests.DigestCommands.Create(),
            Subscriptions.EndpointCommands.Create(),
        };
        foreach (var command in Stories.StoryCommands.Create())
        {
            root.Subcommands.Add(command);
        }

        root.Options.Add(SettingsOption);
        return root;
    }

    /// <summary>Runs one command line; bad usage exits with <see cref="ExitCodes.BadInput"/>.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, TextReader? input = null, CancellationToken cancellationToken = default)
    {
        var parseResult = CreateRootCommand(input is null ? null : () => input).Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var parseError in parseResult.Errors)
            {
                await error.WriteLineAsync($"ingest: {parseError.Message}");
            }

            await error.WriteLineAsync("Run 'ingest --help' for usage.");
            return ExitCodes.BadInput;
        }

        return await parseResult.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
    }
}
