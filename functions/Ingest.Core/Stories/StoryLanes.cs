namespace Ingest.Core.Stories;

/// <summary>
/// One report at a time per lane in this process, a lane being picked by a key's hash. A reprint arrives from many
/// feeds at once, and the polls in flight (a few dozen per instance, each filing a few reports at once) would otherwise
/// race each other for the same story row: every loser reads the row again and writes again, so a burst of copies costs
/// several round trips each. The assigner files a report in the lane of its first band key, which copies share, so
/// each copy after the first joins from its memory with a single write; and a join is written in the lane of the
/// story's id (<see cref="StoryJoins"/>), so reports of one event that went different lanes still take turns at its
/// row. Those of another instance are settled by the conditional writes.
/// </summary>
public sealed class StoryLanes
{
    /// <summary>Enough lanes that unrelated reports rarely wait for each other with a hundred filings in flight.</summary>
    private const int Count = 256;

    private readonly SemaphoreSlim[] _lanes = [.. Enumerable.Range(0, Count).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>Runs <paramref name="work"/> once nothing else in the lane of <paramref name="key"/> is running here.</summary>
    public async Task<T> RunAsync<T>(string key, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        var lane = _lanes[(uint)StringComparer.Ordinal.GetHashCode(key) % Count];
        await lane.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await work().ConfigureAwait(false);
        }
        finally
        {
            lane.Release();
        }
    }
}
