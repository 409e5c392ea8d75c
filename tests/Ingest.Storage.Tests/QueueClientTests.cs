using Azure;
using Ingest.Storage.Queues;
using Ingest.Testing;

namespace Ingest.Storage.Tests;

public sealed class QueueClientTests(StorageFixture storage) : IClassFixture<StorageFixture>
{
    [Fact]
    public async Task Text_round_trips_and_travels_base64_encoded_as_the_functions_trigger_expects()
    {
        var queue = await storage.NewQueueAsync();
        var text = """{"feedId":"rtk","note":"<Приштина> & 'Prishtinë'"}""";

        await queue.SendMessageAsync(text);
        var raw = await storage.CreateAccount(new StorageClientOptions { MessageEncoding = QueueMessageEncoding.None })
            .GetQueueClient(queue.Name).PeekMessagesAsync();
        var received = Assert.Single(await queue.ReceiveMessagesAsync());

        Assert.Equal(text, received.MessageText);
        Assert.Equal(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text)), Assert.Single(raw).MessageText);
        Assert.Equal(1, received.DequeueCount);
    }

    [Fact]
    public async Task Create_if_not_exists_reports_whether_it_created()
    {
        var queue = storage.Account.GetQueueClient("created-" + Guid.NewGuid().ToString("N")[..8]);

        Assert.True(await queue.CreateIfNotExistsAsync());
        Assert.False(await queue.CreateIfNotExistsAsync());
        Assert.True(await queue.DeleteIfExistsAsync());
        Assert.False(await queue.DeleteIfExistsAsync());
    }

    [Fact]
    public async Task A_delayed_message_stays_hidden_until_its_delay_passes()
    {
        var queue = await storage.NewQueueAsync();

        var receipt = await queue.SendMessageAsync("later", visibilityDelay: TimeSpan.FromSeconds(2));

        Assert.Empty(await queue.ReceiveMessagesAsync());
        Assert.True(receipt.NextVisibleOn > receipt.InsertedOn);
        var message = await Eventually(() => queue.ReceiveMessagesAsync());
        Assert.Equal("later", message.MessageText);
    }

    [Fact]
    public async Task A_message_not_deleted_comes_back_after_its_visibility_timeout_with_a_higher_dequeue_count()
    {
        var queue = await storage.NewQueueAsync();
        await queue.SendMessageAsync("poll feed 7");

        var first = Assert.Single(await queue.ReceiveMessagesAsync(visibilityTimeout: TimeSpan.FromSeconds(1)));
        Assert.Empty(await queue.ReceiveMessagesAsync());
        var second = await Eventually(() => queue.ReceiveMessagesAsync(visibilityTimeout: TimeSpan.FromSeconds(30)));

        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Equal(2, second.DequeueCount);
    }

    [Fact]
    public async Task Deleting_with_the_pop_receipt_removes_the_message_and_a_stale_receipt_is_refused()
    {
        var queue = await storage.NewQueueAsync();
        await queue.SendMessageAsync("m");
        var message = Assert.Single(await queue.ReceiveMessagesAsync());
        var updated = await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, TimeSpan.FromSeconds(30));

        var stale = await Assert.ThrowsAsync<RequestFailedException>(() => queue.DeleteMessageAsync(message.MessageId, message.PopReceipt));
        await queue.DeleteMessageAsync(message.MessageId, updated.PopReceipt);

        Assert.True(stale.Status is 400 or 404, $"status {stale.Status}");
        Assert.NotNull(stale.ErrorCode);
        Assert.Equal(0, await queue.GetApproximateMessageCountAsync());
    }

    [Fact]
    public async Task Update_can_replace_the_text_and_release_the_message_at_once()
    {
        var queue = await storage.NewQueueAsync();
        await queue.SendMessageAsync("attempt 1");
        var message = Assert.Single(await queue.ReceiveMessagesAsync(visibilityTimeout: TimeSpan.FromMinutes(5)));

        await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, TimeSpan.Zero, "attempt 2");
        var again = Assert.Single(await queue.ReceiveMessagesAsync());

        Assert.Equal("attempt 2", again.MessageText);
    }

    [Fact]
    public async Task Peek_neither_hides_a_message_nor_counts_a_dequeue()
    {
        var queue = await storage.NewQueueAsync();
        await queue.SendMessageAsync("a");
        await queue.SendMessageAsync("b");

        var peeked = await queue.PeekMessagesAsync(maxMessages: 32);
        var received = await queue.ReceiveMessagesAsync(maxMessages: 32);

        Assert.Equal(["a", "b"], peeked.Select(m => m.MessageText));
        Assert.All(peeked, m => Assert.Equal(0, m.DequeueCount));
        Assert.Equal(["a", "b"], received.Select(m => m.MessageText).Order());
        Assert.All(received, m => Assert.Equal(1, m.DequeueCount));
    }

    [Fact]
    public async Task Approximate_count_includes_hidden_messages_and_clear_empties_the_queue()
    {
        var queue = await storage.NewQueueAsync();
        for (var i = 0; i < 3; i++)
        {
            await queue.SendMessageAsync($"m{i}");
        }

        await queue.ReceiveMessagesAsync();
        var before = await queue.GetApproximateMessageCountAsync();
        await queue.ClearMessagesAsync();

        Assert.Equal(3, before);
        Assert.Equal(0, await queue.GetApproximateMessageCountAsync());
    }

    [Fact]
    public async Task Time_to_live_sets_when_a_message_expires_and_infinite_means_never()
    {
        var queue = await storage.NewQueueAsync();

        var shortLived = await queue.SendMessageAsync("short-lived", timeToLive: TimeSpan.FromMinutes(5));
        var forever = await queue.SendMessageAsync("kept", timeToLive: Timeout.InfiniteTimeSpan);

        Assert.Equal(shortLived.InsertedOn.AddMinutes(5), shortLived.ExpiresOn);
        Assert.Equal(9999, forever.ExpiresOn.Year);
    }

    [Fact]
    public async Task An_oversized_message_is_refused_before_sending()
    {
        var queue = await storage.NewQueueAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => queue.SendMessageAsync(new string('x', 60_000)));

        Assert.Contains("65536 bytes", error.Message);
        Assert.Equal(0, await queue.GetApproximateMessageCountAsync());
    }

    [Fact]
    public void Invalid_queue_names_are_refused_with_the_rule()
    {
        var error = Assert.Throws<ArgumentException>(() => storage.Account.GetQueueClient("Feed_Polls"));

        Assert.Contains("lower-case letters, digits and single dashes", error.Message);
    }

    /// <summary>Polls until the queue yields a message; waits on the queue's clock, never asserts on timing.</summary>
    private static async Task<QueueMessage> Eventually(Func<Task<IReadOnlyList<QueueMessage>>> receive)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var messages = await receive();
            if (messages.Count > 0)
            {
                return messages[0];
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("No message became visible within 30 s.");
    }
}
