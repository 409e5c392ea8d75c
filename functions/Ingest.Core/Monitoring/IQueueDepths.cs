namespace Ingest.Core.Monitoring;

/// <summary>How many messages wait in a queue (<see cref="Model.QueueNames"/>, or a poison queue), approximately.</summary>
public interface IQueueDepths
{
    Task<int> CountAsync(string queue, CancellationToken cancellationToken);
}
