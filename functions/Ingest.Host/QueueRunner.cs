using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Ingest.Storage;

namespace Ingest.Host;

/// <summary>
/// Delivers a queue's messages to a queue function the way the queue trigger does:
/// batches of <c>batchSize</c>, a new batch once no more than <c>newBatchThreshold</c> are in flight, polls that
/// back off to <c>maxPollingInterval</c> while the queue is empty. A message is deleted when its invocation
/// succeeds; after a failure it shows again after <c>visibilityTimeout</c>, and after the <c>maxDequeueCount</c>-th
/// failure it is moved to <c>&lt;queue&gt;-poison</c>. While an invocation runs its message's lease is renewed, as the
/// Functions host does, so a long invocation is never handed to a second one, and a message whose host died shows
/// again within one short lease.
/// </summary>
/// <param name="lease">How long a message is hidden at a time while its invocation runs; renewed at a third of it.</param>
public sealed class QueueRunner(QueueFunction function, QueueSettings settings, QueueClient queue, QueueClient poison, WorkerInvoker invoker, HostLog log, TimeProvider timeProvider, TimeSpan? lease = null)
{
    private readonly TimeSpan _lease = lease ?? TimeSpan.FromMinutes(1);

    private static readonly TimeSpan MinPollingInterval = TimeSpan.FromMilliseconds(100);

    public async Task RunAsync(CancellationToken stopping)
    {
        var slots = new SemaphoreSlim(settings.BatchSize + settings.NewBatchThreshold);
        var inFlight = new List<Task>();
        var delay = MinPollingInterval;
        var queueReady = false;
        log.Write($"{function.Name}: listening to queue '{queue.Name}' (batch {settings.BatchSize}, {settings.MaxDequeueCount} tries, then '{poison.Name}')");

        while (!stopping.IsCancellationRequested)
        {
            inFlight.RemoveAll(t => t.IsCompleted);
            QueueMessage[] messages;
            try
            {
                await WaitForBatchRoomAsync(slots, stopping);
                if (!queueReady)
                {
                    await queue.CreateIfNotExistsAsync(cancellationToken: stopping);
                    queueReady = true;
                }

                var room = Math.Min(settings.BatchSize, slots.CurrentCount);
                messages = room == 0 ? [] : (await queue.ReceiveMessagesAsync(room, _lease, stopping)).Value;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // Whatever storage does, the host keeps listening: one queue's failure must not end the others.
                log.Write($"{function.Name}: cannot read queue '{queue.Name}': {Describe(ex)}");
                messages = [];
            }

            if (messages.Length == 0)
            {
                await DelayAsync(delay, stopping);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, Math.Max(settings.MaxPollingInterval.Ticks, MinPollingInterval.Ticks)));
                continue;
            }

            delay = MinPollingInterval;
            foreach (var message in messages)
            {
                await slots.WaitAsync(stopping);
                inFlight.Add(ProcessAsync(message, slots, stopping));
            }
        }

        await Task.WhenAll(inFlight);
    }

    private async Task ProcessAsync(QueueMessage message, SemaphoreSlim slots, CancellationToken stopping)
    {
        var receipt = new LeaseReceipt(message.PopReceipt);
        try
        {
            InvocationResult result;
            using (var renewing = CancellationTokenSource.CreateLinkedTokenSource(stopping))
            {
                var renewal = RenewAsync(message, receipt, renewing.Token, stopping);
                result = await invoker.InvokeQueueAsync(function, message, stopping);
                await renewing.CancelAsync();
                await renewal;
            }

            InvocationLine.Write(log, function.Name, $"queue {queue.Name}, try {message.DequeueCount}", result);
            if (result.Succeeded)
            {
                await queue.DeleteMessageAsync(message.MessageId, receipt.Current, stopping);
            }
            else if (message.DequeueCount >= settings.MaxDequeueCount)
            {
                await poison.CreateIfNotExistsAsync(cancellationToken: stopping);
                await poison.SendMessageAsync(message.MessageText, cancellationToken: stopping);
                await queue.DeleteMessageAsync(message.MessageId, receipt.Current, stopping);
                log.Write($"{function.Name}: message {message.MessageId} failed {message.DequeueCount} times; moved to '{poison.Name}'");
            }
            else
            {
                await queue.UpdateMessageAsync(message.MessageId, receipt.Current, visibilityTimeout: settings.VisibilityTimeout, cancellationToken: stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Left invisible; it shows again when its lease ends, as after a host crash.
        }
        catch (Exception ex) when (!stopping.IsCancellationRequested)
        {
            log.Write($"{function.Name}: could not settle message {message.MessageId} (try {message.DequeueCount}): {Describe(ex)}");
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>
    /// Keeps the message hidden while its invocation runs: a new lease every third of one, with the new pop receipt. The
    /// invocation's end (<paramref name="done"/>) stops the wait between renewals, never a renewal under way: one cut
    /// off after the queue took it would leave a pop receipt the queue no longer knows, and the message, done, could
    /// not be deleted and would come back.
    /// </summary>
    private async Task RenewAsync(QueueMessage message, LeaseReceipt receipt, CancellationToken done, CancellationToken stopping)
    {
        try
        {
            while (true)
            {
                await Task.Delay(_lease / 3, timeProvider, done);
                var renewed = await queue.UpdateMessageAsync(message.MessageId, receipt.Current, visibilityTimeout: _lease, cancellationToken: stopping);
                receipt.Current = renewed.Value.PopReceipt;
            }
        }
        catch (OperationCanceledException) when (done.IsCancellationRequested)
        {
            // The invocation is over.
        }
        catch (Exception ex)
        {
            // Storage away for a moment: the lease may run out and the message be handled again, which the functions
            // are written to survive (deliveries are claimed); say so.
            log.Write($"{function.Name}: could not renew the lease of message {message.MessageId} (try {message.DequeueCount}): {Describe(ex)}");
        }
    }

    /// <summary>The message's pop receipt, which each renewal replaces.</summary>
    private sealed class LeaseReceipt(string current)
    {
        public string Current { get; set; } = current;
    }

    private static string Describe(Exception ex) => StorageFailure.Is(ex) ? StorageFailure.Describe(ex) : $"{ex.GetType().Name}: {ex.Message.Split('\n')[0]}";

    /// <summary>A new batch is fetched once in-flight work is down to <c>newBatchThreshold</c>.</summary>
    private async Task WaitForBatchRoomAsync(SemaphoreSlim slots, CancellationToken stopping)
    {
        while (settings.BatchSize + settings.NewBatchThreshold - slots.CurrentCount > settings.NewBatchThreshold)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), timeProvider, stopping);
        }
    }

    private async Task DelayAsync(TimeSpan delay, CancellationToken stopping)
    {
        try
        {
            await Task.Delay(delay, timeProvider, stopping);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
