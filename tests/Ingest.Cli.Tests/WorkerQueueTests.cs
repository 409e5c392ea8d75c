using System.Collections.Concurrent;
using Ingest.Host;
using Ingest.Testing;

namespace Ingest.Cli.Tests;

/// <summary>
/// ingest host's queue polling driving a real .NET isolated worker over gRPC, on Azurite: a message handled once and
/// deleted, a failing one retried with a growing DequeueCount and moved to poison after the last try.
/// </summary>
public sealed class WorkerQueueTests(StorageFixture storage) : IClassFixture<StorageFixture>, IAsyncLifetime
{
    private readonly ConcurrentQueue<string> _log = new();
    private WorkerHost _worker = null!;

    public async Task InitializeAsync() =>
        _worker = await WorkerHost.StartAsync(BuiltProject.TestWorkerDirectory, new Dictionary<string, string> { ["TickSchedule"] = "0 0 3 * * *" }, _log.Enqueue, TimeSpan.FromSeconds(120), CancellationToken.None);

    public async Task DisposeAsync() => await _worker.DisposeAsync();

    [Fact]
    public async Task A_message_is_handled_once_and_a_failing_one_is_retried_with_a_growing_dequeue_count_then_poisoned()
    {
        var queue = await storage.NewQueueAsync();
        var poison = storage.Account.GetQueueClient(queue.Name + "-poison");
        await queue.SendMessageAsync("KFOR patrol");
        await queue.SendMessageAsync("fail");
        var invoker = new WorkerInvoker(_ => Task.FromResult(_worker), TimeSpan.FromMinutes(1));
        var settings = new QueueSettings(TimeSpan.FromMilliseconds(200), TimeSpan.Zero, 16, 8, 3, true);
        var hostLog = new StringWriter();
        var runner = new QueueRunner(new QueueFunction("Echo", "message", queue.Name, "AzureWebJobsStorage"), settings, queue, poison, invoker,
            new HostLog(TextWriter.Synchronized(hostLog), TimeProvider.System), TimeProvider.System);

        using var stop = new CancellationTokenSource();
        var run = runner.RunAsync(stop.Token);
        await WaitAsync(async () => (await poison.PeekAllAsync()).Count == 1 && (await queue.PeekAllAsync()).Count == 0);
        await stop.CancelAsync();
        await run;

        Assert.Single(_log, line => line.Contains("echo: KFOR patrol (try 1)", StringComparison.Ordinal));
        Assert.Equal(["1", "2", "3"], _log.Where(l => l.Contains("echo: fail", StringComparison.Ordinal)).Select(l => l[(l.IndexOf("(try ", StringComparison.Ordinal) + 5)..].TrimEnd(')')));
        Assert.Equal("fail", Assert.Single(await poison.PeekAllAsync()).MessageText);
        Assert.Contains("asked to fail", hostLog.ToString());
    }

    [Fact]
    public async Task An_invocation_longer_than_the_lease_keeps_its_message_hidden_and_is_handled_once()
    {
        var queue = await storage.NewQueueAsync();
        await queue.SendMessageAsync("slow 24000");
        var invoker = new WorkerInvoker(_ => Task.FromResult(_worker), TimeSpan.FromMinutes(1));
        var settings = new QueueSettings(TimeSpan.FromMilliseconds(200), TimeSpan.Zero, 16, 8, 3, true);
        var hostLog = new StringWriter();
        // A lease of eight seconds, renewed every third of it: without renewal the message would show again twice. The
        // margin (a renewal may come five seconds late before it misses) holds on a machine busy building and testing at
        // once; three seconds with a two-second margin did not.
        var runner = new QueueRunner(new QueueFunction("Echo", "message", queue.Name, "AzureWebJobsStorage"), settings, queue, storage.Account.GetQueueClient(queue.Name + "-poison"), invoker,
            new HostLog(TextWriter.Synchronized(hostLog), TimeProvider.System), TimeProvider.System, lease: TimeSpan.FromSeconds(8));

        using var stop = new CancellationTokenSource();
        var run = runner.RunAsync(stop.Token);
        // Counted with the hidden messages: zero only once the handled message is deleted.
        await WaitAsync(async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0);
        await stop.CancelAsync();
        await run;

        Assert.Single(_log, line => line.Contains("echo: slow 24000", StringComparison.Ordinal));
        Assert.Contains(_log, line => line.Contains("echo: slow 24000 (try 1)", StringComparison.Ordinal));
        Assert.DoesNotContain("could not", hostLog.ToString());
    }

    private static async Task WaitAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the queue was not settled within 60 s");
            await Task.Delay(100);
        }
    }
}
