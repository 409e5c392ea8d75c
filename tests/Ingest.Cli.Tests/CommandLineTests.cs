using System.CommandLine;

namespace Ingest.Cli.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public async Task Help_lists_the_commands()
    {
        var (exitCode, output, _) = await CliRunner.RunAsync("--help");

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains("storage", output);
        Assert.Contains("status", output);
    }

    [Fact]
    public async Task Every_command_answers_help()
    {
        foreach (var path in CommandPaths(IngestCli.CreateRootCommand(), []))
        {
            var (exitCode, output, error) = await CliRunner.RunAsync([.. path, "--help"]);

            Assert.True(exitCode == ExitCodes.Success, $"ingest {string.Join(' ', path)} --help exited {exitCode}: {error}");
            Assert.Contains("Usage:", output);
        }
    }

    [Theory]
    [InlineData("bogus")]
    [InlineData("status", "--no-such-option")]
    public async Task Bad_usage_exits_2_with_the_reason_on_stderr(params string[] args)
    {
        var (exitCode, output, error) = await CliRunner.RunAsync(args);

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Empty(output);
        Assert.Contains("Unrecognized command or argument", error);
        Assert.Contains("ingest --help", error);
    }

    [Fact]
    public async Task A_missing_settings_file_is_bad_input()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync("status", "--settings", "/nonexistent/local.settings.json");

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Equal("ingest: settings file /nonexistent/local.settings.json does not exist", error.Trim());
    }

    [Fact]
    public async Task A_settings_file_without_values_says_so()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("ingest-cli-").FullName, "local.settings.json");
        await File.WriteAllTextAsync(path, """{ "IsEncrypted": false }""");

        var (exitCode, _, error) = await CliRunner.RunAsync("status", "--settings", path);

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains("has no \"Values\" object", error);
    }

    private static IEnumerable<string[]> CommandPaths(Command command, string[] prefix)
    {
        yield return prefix;
        foreach (var sub in command.Subcommands)
        {
            foreach (var path in CommandPaths(sub, [.. prefix, sub.Name]))
            {
                yield return path;
            }
        }
    }
}
