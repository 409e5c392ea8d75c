using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Ingest.Core.Deliveries;
using Ingest.Core.Polling;
using Ingest.Storage.Stores;
using Ingest.Testing;

namespace Ingest.Storage.Tests;

/// <summary>What the stores rely on from the Azure SDK clients, checked against Azurite.</summary>
public sealed class SdkStoreTests(StorageFixture storage) : IClassFixture<StorageFixture>
{
    [Fact]
    public async Task Listing_feeds_pages_past_a_thousand_rows()
    {
        var table = await storage.NewTableAsync();
        var feeds = new FeedTable(table);
        var ids = Enumerable.Range(0, 1_050).Select(i => $"feed-{i:D4}").ToList();
        foreach (var chunk in ids.Chunk(100))
        {
            await table.SubmitTransactionAsync(chunk.Select(id => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("feed", id) { ["url"] = $"https://{id}.example/rss", ["enabled"] = true })));
        }

        var listed = await feeds.ListAsync(CancellationToken.None);

        Assert.Equal(ids, listed.Select(f => f.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_transaction_with_one_failing_action_commits_none_of_them()
    {
        var table = await storage.NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "taken"));

        var failure = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity("p", "a")),
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "taken")),
            new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity("p", "b")),
        ]));

        Assert.Equal(1, failure.FailedTransactionActionIndex);
        Assert.Equal(["taken"], await table.QueryAsync<TableEntity>().Select(e => e.RowKey).ToListAsync());
    }

    [Fact]
    public async Task Of_two_clients_claiming_one_delivery_with_the_same_etag_one_wins()
    {
        var table = await storage.NewTableAsync();
        var first = new DeliveryTable(table);
        var second = new DeliveryTable(storage.CreateAccount().GetTableClient(table.Name));
        var failed = new Delivery("sub-1", "2026-12-02", DeliveryStatus.Failed, DateTimeOffset.UtcNow, 0, null, "smtp down");
        await first.SaveAsync(failed, CancellationToken.None);
        var read = await first.GetAsync("sub-1", "2026-12-02", CancellationToken.None);
        var claim = failed with { Status = DeliveryStatus.Sending, Error = null };

        var claims = await Task.WhenAll(first.TryClaimAsync(claim, read, CancellationToken.None), second.TryClaimAsync(claim, read, CancellationToken.None));

        Assert.Equal(1, claims.Count(c => c));
        Assert.Equal(DeliveryStatus.Sending, (await second.GetAsync("sub-1", "2026-12-02", CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task A_delayed_poll_stays_hidden_and_an_unsettled_message_comes_back_with_a_higher_dequeue_count()
    {
        var queue = await storage.NewQueueAsync();
        var polls = new JsonQueue<PollRequest>(queue);
        await polls.EnqueueAsync(new PollRequest("later", DateTimeOffset.UtcNow), CancellationToken.None, TimeSpan.FromMinutes(5));
        await polls.EnqueueAsync(new PollRequest("now", DateTimeOffset.UtcNow), CancellationToken.None);

        // Hidden long enough that a busy machine still peeks before it returns (a 1 s window once lapsed under load).
        var first = Assert.Single((await queue.ReceiveMessagesAsync(maxMessages: 32, visibilityTimeout: TimeSpan.FromSeconds(8))).Value);
        Assert.Empty(await queue.PeekAllAsync());
        var again = await RedeliveredAsync(queue);

        Assert.Equal("now", QueueJson.Read<PollRequest>(first.MessageText).FeedId);
        Assert.Equal((first.MessageId, 2L), (again.MessageId, again.DequeueCount));
        Assert.Equal(2, await queue.ApproximateCountAsync());
    }

    [Fact]
    public async Task Messages_travel_base64_encoded_as_the_functions_queue_trigger_reads_them()
    {
        var queue = await storage.NewQueueAsync();
        var request = new PollRequest("kfor-wire", new DateTimeOffset(2026, 12, 2, 15, 0, 0, TimeSpan.Zero));
        await new JsonQueue<PollRequest>(queue).EnqueueAsync(request, CancellationToken.None);

        var raw = storage.CreateAccount(new StorageClientOptions { MessageEncoding = QueueMessageEncoding.None }).GetQueueClient(queue.Name);
        var onTheWire = Assert.Single(await raw.PeekAllAsync()).MessageText;

        Assert.Equal(QueueJson.Write(request), Encoding.UTF8.GetString(Convert.FromBase64String(onTheWire)));
        Assert.Equal(request, QueueJson.Read<PollRequest>(Assert.Single(await queue.PeekAllAsync()).MessageText));
    }

    /// <summary>The message received with a one-second lease, once the lease has run out.</summary>
    private static async Task<Azure.Storage.Queues.Models.QueueMessage> RedeliveredAsync(QueueClient queue)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if ((await queue.ReceiveMessagesAsync(maxMessages: 1)).Value is [var message])
            {
                return message;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("the message never became visible again");
    }
}
