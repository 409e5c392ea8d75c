using Ingest.Core.Model;

namespace Ingest.Testing.Fakes;

/// <summary>
/// <see cref="IQueue{T}"/> in memory: messages in the order sent, each visible from when its delay ends by the clock
/// the queue is given. <see cref="Take"/> is the receiving end a test drives, as a queue trigger would.
/// </summary>
public sealed class InMemoryQueue<T>(TimeProvider clock) : IQueue<T> where T : IQueueMessage
{
    private readonly List<(T Message, DateTimeOffset VisibleAt)> _messages = [];
    private readonly Lock _lock = new();

    /// <summary>Every message still in the queue, visible or not.</summary>
    public IReadOnlyList<T> Waiting
    {
        get
        {
            lock (_lock)
            {
                return [.. _messages.Select(m => m.Message)];
            }
        }
    }

    public Task EnqueueAsync(T message, CancellationToken cancellationToken, TimeSpan? delay = null)
    {
        lock (_lock)
        {
            _messages.Add((message, clock.GetUtcNow() + (delay ?? TimeSpan.Zero)));
        }

        return Task.CompletedTask;
    }

    /// <summary>Removes and returns the messages visible now, oldest first.</summary>
    public IReadOnlyList<T> Take()
    {
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            var visible = _messages.Where(m => m.VisibleAt <= now).ToList();
            _messages.RemoveAll(m => m.VisibleAt <= now);
            return [.. visible.Select(m => m.Message)];
        }
    }
}
