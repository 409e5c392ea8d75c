using System.Diagnostics;
using System.IO.Compression;
using Ingest.Testing;

namespace Ingest.Deployment.Tests;

/// <summary><c>scripts/package.sh</c> builds the zip Azure runs; its layout is checked and its handler started as the host would start it.</summary>
public sealed class PackageTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ingest-package-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task The_deployment_zip_holds_the_runnable_handler_host_json_every_function_and_the_seeds_and_the_handler_answers()
    {
        var zip = Path.Combine(_folder, "ingest.zip");
        await RunAsync(Path.Combine(RepositoryRoot.Path, "scripts", "package.sh"), zip);

        using (var archive = ZipFile.OpenRead(zip))
        {
            var entries = archive.Entries.ToDictionary(e => e.FullName);
            var handler = entries["Ingest.Functions"];
            var mode = (UnixFileMode)((handler.ExternalAttributes >> 16) & 0x1FF);
            Assert.True(mode.HasFlag(UnixFileMode.UserExecute), $"the handler is {mode}, not executable");
            Assert.Contains("host.json", entries.Keys);
            Assert.Contains("seeds/topics.json", entries.Keys);
            Assert.Contains("seeds/feeds.json", entries.Keys);

            var functions = Directory.GetDirectories(Path.Combine(RepositoryRoot.Path, "functions", "Ingest.Functions"))
                .Where(d => File.Exists(Path.Combine(d, "function.json")))
                .Select(d => Path.GetFileName(d) + "/function.json")
                .Order(StringComparer.Ordinal);
            Assert.Equal(functions, entries.Keys.Where(k => k.EndsWith("/function.json", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        }

        // Unzipped as Azure does, the handler starts on the port the host gives it and answers GET /.
        var app = Path.Combine(_folder, "app");
        await RunAsync("unzip", "-q", zip, "-d", app);
        var port = LoopbackPort.GetUnused();
        // The settings a deployment gives it (the app checks them at start-up); storage need not answer for GET /.
        var storage = $"http://127.0.0.1:{LoopbackPort.GetUnused()}/devstoreaccount1";
        using var process = ChildProcess.Start(Path.Combine(app, "Ingest.Functions"), [], app, new Dictionary<string, string>
        {
            ["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(),
            ["AzureWebJobsStorage"] = $"AccountName=devstoreaccount1;AccountKey={Ingest.Storage.Accounts.StorageAccount.DevelopmentAccountKey};TableEndpoint={storage};QueueEndpoint={storage}",
            ["PublicBaseUrl"] = "https://ingest.example/",
            ["SubscriptionSigningKey"] = "package-tests-signing-key",
        });
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        HttpResponseMessage? root = null;
        while (root is null && DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                root = await http.GetAsync($"http://127.0.0.1:{port}/");
            }
            catch (HttpRequestException)
            {
                await Task.Delay(50);
            }
        }

        Assert.True(root is { IsSuccessStatusCode: true }, $"the packaged handler did not answer GET /. Output:\n{process.Output}");
        Assert.Equal("Ingest custom handler", await root!.Content.ReadAsStringAsync());
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
