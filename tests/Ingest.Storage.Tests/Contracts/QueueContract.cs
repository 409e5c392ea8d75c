using Ingest.Core.Model;
using Ingest.Storage.Stores;
using Ingest.Testing;
using Ingest.Testing.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace Ingest.Storage.Tests.Contracts;

/// <summary>What every <see cref="IQueue{T}"/> does: a record sent is the record received, and a delayed one waits.</summary>
public abstract class QueueContract
{
    protected static readonly DateTimeOffset Noon = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A queue, and a way to take what is visible on it now.</summary>
    protected abstract Task<(IQueue<AlertBatch> Queue, Func<Task<IReadOnlyList<AlertBatch>>> Receive)> NewQueueAsync();

    [Fact]
    public async Task A_record_is_received_as_it_was_sent_and_a_delayed_one_is_not_yet_visible()
    {
        var (queue, receive) = await NewQueueAsync();
        var hit = new StoredHit("kfor", "a1", "Patrols resume", "https://news.example/a1", "wire", Noon, 7.5, [new("KFOR", 2)], "KFOR patrols resumed.", [new(0, 4)], Noon, "s1");

        await queue.EnqueueAsync(new AlertBatch("wire", Noon, [hit]), CancellationToken.None);
        await queue.EnqueueAsync(new AlertBatch("later", Noon, []), CancellationToken.None, TimeSpan.FromMinutes(10));

        var received = Assert.Single(await receive());
        Assert.Equal(("wire", Noon, "a-wire-20261201T120000"), (received.FeedId, received.RequestedAt, received.Id));
        var read = Assert.Single(received.Hits);
        Assert.Equal(hit with { Matched = read.Matched, Highlights = read.Highlights }, read);
        Assert.Equal(("KFOR", 2, 0, 4), (read.Matched[0].Term, read.Matched[0].Count, read.Highlights![0].Start, read.Highlights[0].Length));
        Assert.Null(received.Lacks());
    }
}

public sealed class JsonQueueContractTests(StorageFixture storage) : QueueContract, IClassFixture<StorageFixture>
{
    protected override async Task<(IQueue<AlertBatch> Queue, Func<Task<IReadOnlyList<AlertBatch>>> Receive)> NewQueueAsync()
    {
        var client = await storage.NewQueueAsync();
        return (new JsonQueue<AlertBatch>(client), async () =>
            [.. (await client.ReceiveMessagesAsync(32)).Value.Select(m => QueueJson.Read<AlertBatch>(m.Body.ToString()))]);
    }
}

public sealed class InMemoryQueueContractTests : QueueContract
{
    protected override Task<(IQueue<AlertBatch> Queue, Func<Task<IReadOnlyList<AlertBatch>>> Receive)> NewQueueAsync()
    {
        var queue = new InMemoryQueue<AlertBatch>(new FakeTimeProvider(Noon));
        return Task.FromResult<(IQueue<AlertBatch>, Func<Task<IReadOnlyList<AlertBatch>>>)>((queue, () => Task.FromResult(queue.Take())));
    }
}
