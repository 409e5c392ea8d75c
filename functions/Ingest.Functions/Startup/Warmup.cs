using Ingest.Core.Model;
using Microsoft.Extensions.Hosting;

namespace Ingest.Functions.Startup;

/// <summary>
/// Loads the topic model (and the catalogue of topics made from it) beside the first requests rather than in the way
/// of one: the host asks for health as soon as the worker is up, and the first poll or topic page would otherwise wait
/// for the model to be read and compiled. A model that cannot be loaded is logged here and fails the first poll that
/// needs it, as it did before.
/// </summary>
public sealed class Warmup(IServiceProvider services, ILogger<Warmup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Run(() => services.GetRequiredService<TopicCatalog>(), stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.WarmupFailed(ex.Message);
        }
    }
}
