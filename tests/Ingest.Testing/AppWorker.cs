using System.Collections.Concurrent;
using Ingest.Host;
using Ingest.Storage.Accounts;
using Microsoft.AspNetCore.Builder;

namespace Ingest.Testing;

/// <summary>
/// The Functions app's own worker (functions/Ingest.Functions, as built), run by <see cref="WorkerHost"/> with HTTP served
/// on a loopback port as the host serves it: what a test of one function needs without the timers and queues.
/// </summary>
public sealed class AppWorker : IAsyncDisposable
{
    private AppWorker(WorkerHost worker, WebApplication front, Uri baseAddress, ConcurrentQueue<string> log)
    {
        Worker = worker;
        Front = front;
        BaseAddress = baseAddress;
        Log = log;
    }

    public WorkerHost Worker { get; }

    public Uri BaseAddress { get; }

    public ConcurrentQueue<string> Log { get; }

    private WebApplication Front { get; }

    public static string Directory => Path.GetDirectoryName(BuiltProject.Assembly("Ingest.Functions"))!;

    /// <summary>What the app needs to start: storage (unreachable unless given), where links point, the signing key.</summary>
    public static Dictionary<string, string> Settings(string? storageConnection = null)
    {
        var storage = $"http://127.0.0.1:{LoopbackPort.GetUnused()}/devstoreaccount1";
        return new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = storageConnection ?? $"AccountName=devstoreaccount1;AccountKey={StorageAccount.DevelopmentAccountKey};TableEndpoint={storage};QueueEndpoint={storage}",
            ["PublicBaseUrl"] = "http://localhost:7071/",
            ["SubscriptionSigningKey"] = "app-worker-tests-signing-key",
            ["PollSchedule"] = "0 0 3 * * *",
            ["DigestSchedule"] = "0 5 * * * *",
            // Each read sees every change at once: the tests seed storage and read it back straight away.
            ["Reads__SnapshotSeconds"] = "0",
        };
    }

    public static async Task<AppWorker> StartAsync(IReadOnlyDictionary<string, string> settings, string? appDirectory = null)
    {
        var log = new ConcurrentQueue<string>();
        var worker = await WorkerHost.StartAsync(appDirectory ?? Directory, settings, log.Enqueue, TimeSpan.FromSeconds(120), CancellationToken.None);
        var port = LoopbackPort.GetUnused();
        var front = WorkerHttpForwarder.Build(_ => Task.FromResult(worker), "api", log.Enqueue, port);
        await front.StartAsync();
        return new AppWorker(worker, front, new Uri($"http://localhost:{port}/"), log);
    }

    public async ValueTask DisposeAsync()
    {
        await Front.StopAsync();
        await Front.DisposeAsync();
        await Worker.DisposeAsync();
    }
}
