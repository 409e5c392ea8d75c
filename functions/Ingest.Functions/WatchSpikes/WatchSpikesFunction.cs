using Ingest.Core.Monitoring;
using Ingest.Core.Stories;
using Ingest.Core.Topics;
using Microsoft.Azure.Functions.Worker;

namespace Ingest.Functions.WatchSpikes;

/// <summary>Timer every five minutes: each topic's last hour of new stories against its baseline; spikes opened, grown, ended.</summary>
public sealed class WatchSpikesFunction(SpikeMonitor monitor, TopicMatcher matcher, IRunLog runs, TimeProvider time, ILogger<WatchSpikesFunction> logger)
{
    [Function("WatchSpikes")]
    public async Task RunAsync([TimerTrigger("0 */5 * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var changes = await monitor.RunAsync(matcher.Model.Topics.Select(t => t.Id).ToList(), cancellationToken);
        foreach (var change in changes)
        {
            logger.LogInformation("{Change}", change);
        }

        await runs.RecordAsync("WatchSpikes", time.GetUtcNow(), changes.Count == 0 ? "no spike started or ended" : string.Join("; ", changes), cancellationToken);
    }
}
