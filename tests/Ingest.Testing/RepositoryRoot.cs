namespace Ingest.Testing;

/// <summary>Finds the checkout the tests run from, so they can use its npm tools and seed files.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Ingest.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Ingest.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>The entry script of an npm tool installed from the lock file, or a clear failure saying how to install it.</summary>
    public static string NodeTool(string package, string relativeScript)
    {
        var script = System.IO.Path.Combine(Path, "node_modules", package, relativeScript);
        return File.Exists(script)
            ? script
            : throw new InvalidOperationException($"{package} is not installed: run 'npm ci' in {Path} (the README's test command does).");
    }
}
