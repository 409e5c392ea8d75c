namespace Ingest.Functions.Startup;

/// <summary>
/// Ends when the start-up catalogue import (<see cref="StorageStartup"/>) has, either way. The import runs beside the
/// functions so the worker is ready at once; the <c>PollFeeds</c> timer waits for it, since a tick in the middle of it
/// would see part of a new catalogue (and, on a new account, tables not yet made) and leave the rest to the next tick.
/// </summary>
public sealed class CatalogueImported
{
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task WaitAsync(CancellationToken cancellationToken) => _ended.Task.WaitAsync(cancellationToken);

    public void End() => _ended.TrySetResult();
}
