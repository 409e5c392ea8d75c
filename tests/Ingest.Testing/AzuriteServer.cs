using System.Text.RegularExpressions;
using Ingest.Storage.Accounts;

namespace Ingest.Testing;

/// <summary>
/// One Azurite per test run, started from the repository's npm lock file on free loopback ports with
/// in-memory persistence. Test classes share it and keep apart by using their own tables and queues.
/// </summary>
public sealed partial class AzuriteServer : IDisposable
{
    private static readonly Lazy<Task<AzuriteServer>> Shared = new(StartAsync);

    private AzuriteServer(ChildProcess process, Uri tableEndpoint, Uri queueEndpoint)
    {
        Process = process;
        TableEndpoint = tableEndpoint;
        QueueEndpoint = queueEndpoint;
    }

    public ChildProcess Process { get; }

    public Uri TableEndpoint { get; }

    public Uri QueueEndpoint { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={StorageAccount.DevelopmentAccountName};" +
        $"AccountKey={StorageAccount.DevelopmentAccountKey};TableEndpoint={TableEndpoint};QueueEndpoint={QueueEndpoint};";

    public static Task<AzuriteServer> GetAsync() => Shared.Value;

    /// <summary>An Azurite of one's own, for tests of the whole app, whose table and queue names are fixed.</summary>
    public static Task<AzuriteServer> StartPrivateAsync() => StartAsync();

    private static async Task<AzuriteServer> StartAsync()
    {
        var script = RepositoryRoot.NodeTool("azurite", "dist/src/azurite.js");
        var workDir = Directory.CreateTempSubdirectory("ingest-azurite-").FullName;
        var process = ChildProcess.StartNode(
            script,
            ["--silent", "--inMemoryPersistence", "--extentMemoryLimit", "256", "--blobPort", "0", "--queuePort", "0", "--tablePort", "0"],
            workDir);

        var queue = await process.WaitForLineAsync(Listening("Queue"), TimeSpan.FromSeconds(60));
        var table = await process.WaitForLineAsync(Listening("Table"), TimeSpan.FromSeconds(60));
        return new AzuriteServer(
            process,
            new Uri(table.Groups["url"].Value.TrimEnd('/') + "/" + StorageAccount.DevelopmentAccountName),
            new Uri(queue.Groups["url"].Value.TrimEnd('/') + "/" + StorageAccount.DevelopmentAccountName));
    }

    public void Dispose() => Process.Dispose();

    private static Regex Listening(string service) => new($@"Azurite {service} service is successfully listening at (?<url>http://\S+)");
}
