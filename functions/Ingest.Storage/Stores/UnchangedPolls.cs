using Azure.Data.Tables;
using Ingest.Core.Polling;

namespace Ingest.Storage.Stores;

/// <summary>
/// Writes the polls that found their feed unchanged, together. Most polls are 304s and every feed row is in one
/// partition, so the polls that end within <see cref="Linger"/> of each other are merged in one transaction (up to
/// 100) rather than one request each; each poll still waits for its own write. A transaction that fails because a row
/// is gone (the feed was removed meanwhile) is done again poll by poll, so only that poll learns it.
/// </summary>
internal sealed class UnchangedPolls(TableClient table, Func<UnchangedPoll, TableEntity> toEntity)
{
    /// <summary>How long the first poll of a batch waits for others: short beside the fetch every poll just made.</summary>
    private static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(10);

    private readonly Lock _lock = new();
    private List<Pending>? _open;

    private sealed record Pending(UnchangedPoll Poll, TaskCompletionSource<bool> Written);

    /// <summary>True once the poll's row is written; false when the row is gone.</summary>
    public Task<bool> SaveAsync(UnchangedPoll poll, CancellationToken cancellationToken)
    {
        var pending = new Pending(poll, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        List<Pending>? full = null;
        lock (_lock)
        {
            if (_open is null)
            {
                _open = [];
                _ = FlushAfterLingerAsync(_open);
            }

            _open.Add(pending);
            if (_open.Count == StorageExtensions.MaxTransactionActions)
            {
                full = _open;
                _open = null;
            }
        }

        if (full is not null)
        {
            _ = FlushAsync(full);
        }

        // The write goes on if this poll stops waiting: another poll of the batch may still be waiting for it.
        return pending.Written.Task.WaitAsync(cancellationToken);
    }

    private async Task FlushAfterLingerAsync(List<Pending> batch)
    {
        // The wall clock's wait, not the service clock's: it spaces storage calls, and a manual clock would never end it.
        await Task.Delay(Linger, TimeProvider.System).ConfigureAwait(false);
        lock (_lock)
        {
            if (!ReferenceEquals(_open, batch))
            {
                return; // Filled up and written already.
            }

            _open = null;
        }

        await FlushAsync(batch).ConfigureAwait(false);
    }

    private async Task FlushAsync(List<Pending> batch)
    {
        try
        {
            // A transaction may touch a row once: a feed polled twice within the linger (never in practice) goes alone.
            if (batch.Count > 1 && batch.DistinctBy(p => p.Poll.FeedId).Count() == batch.Count)
            {
                try
                {
                    await table.SubmitTransactionAsync(batch.Select(p => new TableTransactionAction(TableTransactionActionType.UpdateMerge, toEntity(p.Poll), Azure.ETag.All))).ConfigureAwait(false);
                    foreach (var pending in batch)
                    {
                        pending.Written.TrySetResult(true);
                    }

                    return;
                }
                catch (TableTransactionFailedException ex) when (ex.Status == 404)
                {
                    // A row is gone: each poll on its own below, so only that one hears it.
                }
            }

            await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (pending, ct) =>
                pending.Written.TrySetResult(await SaveOneAsync(pending.Poll, ct).ConfigureAwait(false))).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Storage away: every poll of the batch fails and its message is retried.
            foreach (var pending in batch)
            {
                pending.Written.TrySetException(ex);
            }
        }
    }

    private async Task<bool> SaveOneAsync(UnchangedPoll poll, CancellationToken cancellationToken)
    {
        try
        {
            await table.UpdateEntityAsync(toEntity(poll), Azure.ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            return false;
        }
    }
}
