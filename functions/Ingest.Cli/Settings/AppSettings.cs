using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace Ingest.Cli.Settings;

/// <summary>
/// The Functions app settings as the CLI sees them: the <c>Values</c> of a <c>local.settings.json</c>
/// (Core Tools' format, so one file serves both), overridden by environment variables. As in Functions,
/// <c>Smtp__Host</c> is the configuration key <c>Smtp:Host</c>. Without <c>--settings</c> the file is looked for in the
/// current folder, then at the root of the clone; relative paths in it (<c>TopicsPath</c>, <c>FeedsPath</c>) start
/// from the folder it is in.
/// </summary>
public static class AppSettings
{
    public static readonly string[] DefaultFiles = ["local.settings.json", "local.settings.sample.json"];

    /// <summary>The settings file that will be read: the one given, or the first default found.</summary>
    public static FileInfo? Find(FileInfo? settingsFile) =>
        settingsFile ?? DefaultFiles.Select(name => new FileInfo(name))
            .Concat(Repository.Root is { } root ? DefaultFiles.Select(name => new FileInfo(Path.Combine(root, name))) : [])
            .FirstOrDefault(f => f.Exists);

    public static IConfiguration Load(FileInfo? settingsFile)
    {
        var file = Find(settingsFile);
        if (settingsFile is { Exists: false })
        {
            throw new CliException($"settings file {settingsFile.FullName} does not exist", ExitCodes.BadInput);
        }

        return new ConfigurationBuilder()
            .AddInMemoryCollection(file is null ? [] : ReadValues(file))
            .AddEnvironmentVariables()
            .Build();
    }

    private static List<KeyValuePair<string, string?>> ReadValues(FileInfo file)
    {
        JsonDocument document;
        try
        {
            using var stream = file.OpenRead();
            document = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new CliException($"settings file {file.FullName} is not valid JSON: {ex.Message}", ExitCodes.BadInput);
        }

        using (document)
        {
            if (!document.RootElement.TryGetProperty("Values", out var values) || values.ValueKind != JsonValueKind.Object)
            {
                throw new CliException($"settings file {file.FullName} has no \"Values\" object", ExitCodes.BadInput);
            }

            return values.EnumerateObject()
                .Select(p => new KeyValuePair<string, string?>(
                    p.Name.Replace("__", ":", StringComparison.Ordinal),
                    p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText()))
                .ToList();
        }
    }
}
