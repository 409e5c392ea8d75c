using Ingest.Core.Model;
using Ingest.Core.Polling;
using Ingest.Core.Settings;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Ingest.Functions.Startup;

/// <summary>
/// At start-up, creates missing tables and queues and runs the catalogue import (<c>FeedsPath</c>). It runs beside the
/// functions, never before them: the worker must be ready for the host at once. Its end is signalled
/// (<see cref="CatalogueImported"/>) for the poll timer, which waits for it.
/// </summary>
public sealed class StorageStartup(IStorageSetup storage, CatalogImport catalogue, IOptions<FeedCatalogFile> file, CatalogueImported imported, ILogger<StorageStartup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await storage.EnsureCreatedAsync(stoppingToken);
            var result = await catalogue.ImportFileAsync(file.Value.Path, stoppingToken);
            logger.CatalogueImported(file.Value.Path, result);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The handler keeps serving: health must stay up, and the next start-up tries again.
            logger.CatalogueFailed(ex.Message);
        }
        finally
        {
            imported.End();
        }
    }
}
