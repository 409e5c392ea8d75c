namespace Ingest.Testing;

/// <summary>Finds the build output of a project of this solution, in the configuration the tests were built in.</summary>
public static class BuiltProject
{
    public static string Assembly(string project, string? assemblyName = null)
    {
        // tests/<TestProject>/bin/<Configuration>/<tfm>/ → functions/<project>/bin/<Configuration>/<tfm>/<project>.dll
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testOutput.Name;
        var configuration = testOutput.Parent!.Name;
        var path = Path.Combine(RepositoryRoot.Path, "functions", project, "bin", configuration, framework, (assemblyName ?? project) + ".dll");
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{path} is missing: build the solution first (the README's test command does).");
    }

    /// <summary>The build output of the small isolated worker the host's tests drive (tests/Ingest.Host.Tests.Worker).</summary>
    public static string TestWorkerDirectory
    {
        get
        {
            var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var path = Path.Combine(RepositoryRoot.Path, "tests", "Ingest.Host.Tests.Worker", "bin", testOutput.Parent!.Name, testOutput.Name);
            return File.Exists(Path.Combine(path, "worker.config.json"))
                ? path
                : throw new InvalidOperationException($"{path} has no worker: build the solution first (the README's test command does).");
        }
    }
}
