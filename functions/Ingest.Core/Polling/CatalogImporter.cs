namespace Ingest.Core.Polling;

/// <summary>Brings the feed catalogue at <paramref name="feedsPath"/> (<c>FeedsPath</c>) into the <c>Feeds</c> table (<see cref="FeedImporter"/>).</summary>
public sealed class CatalogImporter(IFeedStore feeds, string feedsPath)
{
    public string FeedsPath => feedsPath;

    public Task<ImportResult> ImportAsync(CancellationToken cancellationToken) =>
        FeedImporter.ImportAsync(feeds, FeedCatalog.LoadFile(feedsPath), cancellationToken);
}
