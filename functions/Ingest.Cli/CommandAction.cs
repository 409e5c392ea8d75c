using System.CommandLine;
using Ingest.Cli.Settings;
using Ingest.Core.Feeds;
using Microsoft.Extensions.Configuration;

namespace Ingest.Cli;

/// <summary>Runs a command body and turns the failures a user can act on into one line on stderr and an exit code.</summary>
internal static class CommandAction
{
    public static void Set(Command command, Func<ParseResult, CommandContext, CancellationToken, Task<int>> body) =>
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var context = new CommandContext(parseResult);
            try
            {
                return await body(parseResult, context, cancellationToken);
            }
            catch (Exception ex) when (Describe(ex) is { } failure)
            {
                await context.Error.WriteLineAsync($"ingest: {failure.Message}");
                return failure.ExitCode;
            }
        });

    private static (string Message, int ExitCode)? Describe(Exception ex) => ex switch
    {
        CliException cli => (cli.Message, cli.ExitCode),
        Ingest.Host.HostSetupException host => (host.Message, host.BadInput ? ExitCodes.BadInput : ExitCodes.Failure),
        FeedParseException feed => (feed.Message, ExitCodes.BadInput),
        Ingest.Core.Topics.TopicModelException model => (model.Message, ExitCodes.BadInput),
        _ when Ingest.Composition.IngestServices.DescribeStartupFailure(ex) is { } setting => (setting, ExitCodes.Failure),
        _ when Ingest.Storage.StorageFailure.Is(ex) => (Ingest.Storage.StorageFailure.Describe(ex), ExitCodes.Failure),
        FormatException format => (format.Message, ExitCodes.BadInput),
        InvalidOperationException config => (config.Message, ExitCodes.Failure),
        OperationCanceledException => ("cancelled", ExitCodes.Failure),
        _ => null,
    };
}

/// <summary>What a command body needs besides its arguments: the writers and the app settings.</summary>
internal sealed class CommandContext(ParseResult parseResult)
{
    public TextWriter Output => parseResult.InvocationConfiguration.Output;

    public TextWriter Error => parseResult.InvocationConfiguration.Error;

    private IConfiguration? _settings;

    /// <summary>Read on first use, so commands that need no settings never fail on a bad settings file.</summary>
    public IConfiguration Settings => _settings ??= AppSettings.Load(parseResult.GetValue(IngestCli.SettingsOption));

    /// <summary>Where relative paths in the settings start: the settings file's folder (the current folder without one).</summary>
    public string? SettingsFolder => AppSettings.Find(parseResult.GetValue(IngestCli.SettingsOption))?.DirectoryName;

    /// <summary>A file named by a setting, relative to the settings file; without the setting, <paramref name="fallback"/> in the clone.</summary>
    public string SettingsFile(string key, string fallback) =>
        Settings[key] is { Length: > 0 } value
            ? (Path.IsPathRooted(value) || SettingsFolder is null ? value : Path.Combine(SettingsFolder, value))
            : Repository.Resolve(fallback);
}
