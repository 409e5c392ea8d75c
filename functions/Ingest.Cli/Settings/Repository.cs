namespace Ingest.Cli.Settings;

/// <summary>
/// The clone the command runs from, when it runs from one: the defaults the README names (<c>seeds/samples</c>, the
/// function app's build output, <c>local.settings.json</c>) are found there even from another folder.
/// </summary>
internal static class Repository
{
    /// <summary>The folder with <c>Ingest.sln</c> above the current folder, or above this tool's own files; null outside a clone.</summary>
    public static string? Root { get; } = Above(Environment.CurrentDirectory) ?? Above(AppContext.BaseDirectory);

    /// <summary>A relative default as given when it exists from the current folder, else the same path in the clone.</summary>
    public static string Resolve(string relative) =>
        Path.Exists(relative) || Root is null ? relative : Path.Combine(Root, relative);

    private static string? Above(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Ingest.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
