using Ingest.Core.Model;

namespace Ingest.Core.Polling;

/// <summary>What an import changed.</summary>
public sealed record ImportResult(int Added, int Updated, int Unchanged, int Disabled = 0)
{
    public override string ToString() => $"{Added} added, {Updated} updated, {Unchanged} unchanged, {Disabled} no longer listed and disabled";
}

/// <summary>
/// The catalogue import, the one way feeds enter the <c>Feeds</c> table (at the app's start, <c>ingest poll</c>,
/// <c>ingest feeds import</c>): new feeds are added, and a stored feed takes the catalogue's title, language and
/// full-text flag but keeps its address (it may have moved for good), its validators and its poll history. A stored
/// feed the catalogue no longer lists is disabled (status <see cref="PollStatus.Removed"/>) so it is polled no more,
/// and enabled again if it comes back.
/// </summary>
public sealed class CatalogImport(IFeedStore feeds)
{
    /// <summary>Imports the catalogue file at <paramref name="path"/> (<see cref="FeedCatalog"/>'s format).</summary>
    public Task<ImportResult> ImportFileAsync(string path, CancellationToken cancellationToken) =>
        ImportAsync(FeedCatalog.LoadFile(path), cancellationToken);

    public async Task<ImportResult> ImportAsync(IReadOnlyList<FeedRecord> catalogue, CancellationToken cancellationToken)
    {
        // One listing and the differences written, rather than a question per feed: the import runs at every start
        // and the first poll waits for it.
        var stored = (await feeds.ListAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(f => f.Id, StringComparer.Ordinal);
        var added = await feeds.AddMissingAsync([.. catalogue.Where(f => !stored.ContainsKey(f.Id))], cancellationToken).ConfigureAwait(false);
        var updated = 0;
        await Parallel.ForEachAsync(catalogue.Where(f => stored.ContainsKey(f.Id)), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (feed, ct) =>
        {
            var current = stored[feed.Id];
            if (current is { Enabled: false, LastStatus: PollStatus.Removed } && feed.Enabled)
            {
                await feeds.SetEnabledAsync(feed.Id, true, "", ct).ConfigureAwait(false);
            }

            if ((current.Title, current.Language, current.FullText) != (feed.Title, feed.Language, feed.FullText))
            {
                await feeds.SaveCatalogAsync(feed, ct).ConfigureAwait(false);
                Interlocked.Increment(ref updated);
            }
        }).ConfigureAwait(false);

        var listed = catalogue.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
        var removed = stored.Values.Where(f => f.Enabled && !listed.Contains(f.Id)).ToList();
        foreach (var feed in removed)
        {
            await feeds.SetEnabledAsync(feed.Id, false, PollStatus.Removed, cancellationToken).ConfigureAwait(false);
        }

        return new ImportResult(added.Count, updated, listed.Count - added.Count - updated, removed.Count);
    }
}
