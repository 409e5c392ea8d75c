using Ingest.Storage;
using Ingest.Core.Polling;
using Ingest.Storage.Accounts;
using Microsoft.Extensions.Hosting;

namespace Ingest.Functions;

/// <summary>
/// At start-up, creates missing tables and queues and brings the feed catalogue into the <c>Feeds</c> table.
/// It runs beside the functions, never before them: the worker must be ready for the host at once.
/// </summary>
public sealed class CatalogImport(StorageAccount account, CatalogImporter importer, ILogger<CatalogImport> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await StorageLayout.EnsureCreatedAsync(account, stoppingToken);
            var result = await importer.ImportAsync(stoppingToken);
            logger.LogInformation("Feed catalogue {Path}: {Added} added, {Updated} updated, {Unchanged} unchanged, {Disabled} no longer listed and disabled", importer.FeedsPath, result.Added, result.Updated, result.Unchanged, result.Disabled);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The handler keeps serving: health must stay up, and the next start-up tries again.
            logger.LogError("Feed catalogue import failed: {Error}", ex.Message);
        }
    }
}
