using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Ingest.Functions.Startup;

/// <summary>What <see cref="CounterSummary"/> and <see cref="SpanSummary"/> share: a seconds setting, and a line written every so often when something changed.</summary>
internal static class PeriodicSummary
{
    /// <summary>The setting's whole seconds; 0 when it is absent, negative or not a number (no summary).</summary>
    public static int Seconds(IConfiguration configuration, string setting) =>
        int.TryParse(configuration[setting], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : 0;

    /// <summary>Every <paramref name="seconds"/>, calls <paramref name="write"/> when <paramref name="changes"/> moved since the last call.</summary>
    public static async Task RunAsync(int seconds, TimeProvider time, Func<long> changes, Action write, CancellationToken stoppingToken)
    {
        var written = 0L;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds), time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            if (changes() is var now && now != written)
            {
                written = now;
                write();
            }
        }
    }
}
