using Ingest.Core.Mail;
using Ingest.Core.Model;
using Ingest.Core.Monitoring;
using Ingest.Storage.Stores;
using Ingest.Testing;
using Ingest.Testing.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace Ingest.Storage.Tests.Contracts;

/// <summary>
/// What every <see cref="IMailRetryQueue"/> and <see cref="IQueueDepths"/> do together: a message put back waits
/// unseen for its delay but counts, and one set aside lands on the poison queue as it was.
/// </summary>
public abstract class MailRetryQueueContract
{
    protected static readonly DateTimeOffset Noon = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The retry queue, the depths, and the messages visible on a queue now.</summary>
    protected abstract Task<(IMailRetryQueue Retries, IQueueDepths Depths, Func<string, Task<IReadOnlyList<DigestPeriod>>> Visible)> NewAsync(string queue);

    [Fact]
    public async Task A_message_put_back_waits_unseen_and_one_set_aside_lands_on_the_poison_queue()
    {
        var queue = $"digests{Guid.NewGuid():N}"[..30];
        var (retries, depths, visible) = await NewAsync(queue);
        var period = new DigestPeriod("r1", "d-2026-12-01", Noon.AddDays(-1), Noon);

        await retries.RetryLaterAsync(queue, period, TimeSpan.FromMinutes(10), CancellationToken.None);
        await retries.PoisonAsync(queue, period with { Id = "d-2026-11-30" }, CancellationToken.None);

        Assert.Empty(await visible(queue));
        Assert.Equal(1, await depths.CountAsync(queue, CancellationToken.None));
        Assert.Equal(period with { Id = "d-2026-11-30" }, Assert.Single(await visible(QueueNames.Poison(queue))));
        Assert.Equal(0, await depths.CountAsync("never-created", CancellationToken.None));
    }
}

public sealed class StorageMailRetryQueueContractTests(StorageFixture storage) : MailRetryQueueContract, IClassFixture<StorageFixture>
{
    protected override async Task<(IMailRetryQueue Retries, IQueueDepths Depths, Func<string, Task<IReadOnlyList<DigestPeriod>>> Visible)> NewAsync(string queue)
    {
        await storage.Account.GetQueueClient(queue).CreateIfNotExistsAsync();
        return (new MailRetryQueue(storage.Account), new QueueDepths(storage.Account), async name =>
            [.. (await storage.Account.GetQueueClient(name).PeekMessagesAsync(32)).Value.Select(m => QueueJson.Read<DigestPeriod>(m.Body.ToString()))]);
    }
}

public sealed class InMemoryQueueServiceContractTests : MailRetryQueueContract
{
    protected override Task<(IMailRetryQueue Retries, IQueueDepths Depths, Func<string, Task<IReadOnlyList<DigestPeriod>>> Visible)> NewAsync(string queue)
    {
        var queues = new InMemoryQueueService(new FakeTimeProvider(Noon));
        return Task.FromResult<(IMailRetryQueue, IQueueDepths, Func<string, Task<IReadOnlyList<DigestPeriod>>>)>(
            (queues, queues, name => Task.FromResult<IReadOnlyList<DigestPeriod>>([.. queues.Visible(name).Cast<DigestPeriod>()])));
    }
}
