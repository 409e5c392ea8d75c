namespace Ingest.Core.Stories;

/// <summary>
/// One lane at a time for the reports of one event in this process. A reprint arrives from many feeds at once, and
/// the polls in flight (a few dozen per instance, each filing a few reports at once) would otherwise race each other
/// for the same story row: every loser reads the row again and writes again, so a burst of copies costs several round
/// trips each. In one lane they take turns, and each copy after the first joins from the assigner's memory with a
/// single write. Copies share all their band keys, so the first picks the lane; reports that are merely close may go
/// different lanes and are settled by the assigner's conditional writes, as are those of another instance.
/// </summary>
public sealed class StoryLanes
{
    /// <summary>Enough lanes that unrelated reports rarely wait for each other with a hundred filings in flight.</summary>
    private const int Count = 256;

    private readonly SemaphoreSlim[] _lanes = [.. Enumerable.Range(0, Count).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>Runs <paramref name="work"/> once no other report of the lane of <paramref name="bandKey"/> is being filed here.</summary>
    public async Task<T> RunAsync<T>(string bandKey, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        var lane = _lanes[(uint)StringComparer.Ordinal.GetHashCode(bandKey) % Count];
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
