using Ingest.Core.Mail;
using Ingest.Core.Model;
using Ingest.Core.Monitoring;

namespace Ingest.Testing.Fakes;

/// <summary>
/// The queue service in memory, as the mail functions and the status see it: messages put back on their queue
/// (<see cref="IMailRetryQueue"/>; visible when the delay ends by the given clock) or set aside on its poison queue,
/// named as the host names it, and every queue's depth (<see cref="IQueueDepths"/>: visible or not, as the service
/// counts).
/// </summary>
public sealed class InMemoryQueueService(TimeProvider clock) : IMailRetryQueue, IQueueDepths
{
    private readonly List<(string Queue, IQueueMessage Message, DateTimeOffset VisibleAt)> _messages = [];
    private readonly Lock _lock = new();

    public Task RetryLaterAsync<T>(string queue, T message, TimeSpan delay, CancellationToken cancellationToken) where T : IQueueMessage =>
        Add(queue, message, clock.GetUtcNow() + delay);

    public Task PoisonAsync<T>(string queue, T message, CancellationToken cancellationToken) where T : IQueueMessage =>
        Add(QueueNames.Poison(queue), message, clock.GetUtcNow());

    public Task<int> CountAsync(string queue, CancellationToken cancellationToken) => Task.FromResult(Waiting(queue).Count);

    /// <summary>Every message on <paramref name="queue"/>, visible or not.</summary>
    public IReadOnlyList<IQueueMessage> Waiting(string queue) => Where(m => m.Queue == queue);

    /// <summary>The messages of <paramref name="queue"/> visible now.</summary>
    public IReadOnlyList<IQueueMessage> Visible(string queue) => Where(m => m.Queue == queue && m.VisibleAt <= clock.GetUtcNow());

    private Task Add(string queue, IQueueMessage message, DateTimeOffset visibleAt)
    {
        lock (_lock)
        {
            _messages.Add((queue, message, visibleAt));
        }

        return Task.CompletedTask;
    }

    private IReadOnlyList<IQueueMessage> Where(Func<(string Queue, IQueueMessage Message, DateTimeOffset VisibleAt), bool> keep)
    {
        lock (_lock)
        {
            return [.. _messages.Where(keep).Select(m => m.Message)];
        }
    }
}
