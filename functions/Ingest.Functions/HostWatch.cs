using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Ingest.Functions;

/// <summary>
/// Under <c>ingest host</c> the worker is told its host's process (<c>INGEST_HOST_PID</c>) and stops when that process
/// is gone, so a host killed with -9 leaves no worker behind holding its ports. In Azure the variable is not set and
/// this does nothing: the Functions host ends its workers itself.
/// </summary>
public sealed class HostWatch(IConfiguration configuration, IHostApplicationLifetime lifetime, ILogger<HostWatch> logger) : BackgroundService
{
    /// <summary>Set by <c>ingest host</c> (its <c>WorkerHost.HostProcessVariable</c>); this app does not reference the host.</summary>
    public const string HostProcessVariable = "INGEST_HOST_PID";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!int.TryParse(configuration[HostProcessVariable], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || !Alive(pid))
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false) is true && Alive(pid))
        {
        }

        if (!stoppingToken.IsCancellationRequested)
        {
            logger.HostGone(pid);
            lifetime.StopApplication();
        }
    }

    private static bool Alive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
