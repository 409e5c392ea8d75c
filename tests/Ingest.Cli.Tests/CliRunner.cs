namespace Ingest.Cli.Tests;

/// <summary>Runs <c>ingest</c> in-process with captured output, the way a script would see it.</summary>
internal static class CliRunner
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await IngestCli.RunAsync(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    /// <summary>A local.settings.json with the given values, deleted with the test's temp folder.</summary>
    public static string SettingsFile(params (string Key, string Value)[] values)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("ingest-cli-").FullName, "local.settings.json");
        var json = System.Text.Json.JsonSerializer.Serialize(new { IsEncrypted = false, Values = values.ToDictionary(v => v.Key, v => v.Value) });
        File.WriteAllText(path, json);
        return path;
    }
}
