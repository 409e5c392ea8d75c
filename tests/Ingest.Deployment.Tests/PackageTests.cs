using System.Diagnostics;
using System.IO.Compression;
using Ingest.Testing;

namespace Ingest.Deployment.Tests;

/// <summary><c>scripts/package.sh</c> builds the zip Azure runs; its layout is checked and its worker started as the host would start it.</summary>
public sealed class PackageTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ingest-package-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task The_deployment_zip_holds_the_runnable_worker_its_metadata_and_the_seeds_and_the_host_runs_it()
    {
        var zip = Path.Combine(_folder, "ingest.zip");
        await RunAsync(Path.Combine(RepositoryRoot.Path, "scripts", "package.sh"), zip);

        using (var archive = ZipFile.OpenRead(zip))
        {
            var entries = archive.Entries.ToDictionary(e => e.FullName);
            var worker = entries["Ingest.Functions"];
            var mode = (UnixFileMode)((worker.ExternalAttributes >> 16) & 0x1FF);
            Assert.True(mode.HasFlag(UnixFileMode.UserExecute), $"the worker is {mode}, not executable");
            foreach (var required in new[] { "host.json", "worker.config.json", "functions.metadata", "extensions.json", "Ingest.Functions.dll", "seeds/topics.json", "seeds/feeds.json" })
            {
                Assert.Contains(required, entries.Keys);
            }

            Assert.Contains(entries.Keys, k => k.StartsWith(".azurefunctions/", StringComparison.Ordinal));
            Assert.DoesNotContain(entries.Keys, k => k.EndsWith("function.json", StringComparison.Ordinal));
        }

        // Unzipped as Azure does, the worker starts under a host, lists its functions and answers /api/health.
        var app = Path.Combine(_folder, "app");
        await RunAsync("unzip", "-q", zip, "-d", app);
        await using var running = await AppWorker.StartAsync(AppWorker.Settings(), app);
        using var http = new HttpClient { BaseAddress = running.BaseAddress };

        var health = await http.GetAsync("api/health");

        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(28, running.Worker.Functions.Count);
    }

    private static async Task RunAsync(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryRoot.Path };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{command} exited with {process.ExitCode}:\n{await output}\n{await error}");
    }
}
