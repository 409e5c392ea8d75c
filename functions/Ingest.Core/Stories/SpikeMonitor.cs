using Ingest.Core.Model;
using Ingest.Core.Telemetry;

namespace Ingest.Core.Stories;

/// <summary>
/// The <c>WatchSpikes</c> timer's work: every few minutes each topic's last hour is judged against its baseline; a
/// spike opens when the count reaches the threshold, grows while it stays there, and ends when it falls below. A
/// spike that opened is queued for breaking subscribers once: the flag is set only after the message is queued,
/// so a run that dies in between queues it again and the sender's delivery claim keeps that to one mail.
/// </summary>
public sealed class SpikeMonitor(IStoryStore stories, ISpikeStore spikes, IQueue<Spike> breaking, SpikeRules rules, TimeProvider timeProvider, IngestMetrics? metrics = null)
{
    private readonly IngestMetrics _metrics = metrics ?? IngestMetrics.Unobserved;

    public async Task<IReadOnlyList<string>> RunAsync(IReadOnlyList<string> topicIds, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var found = await stories.ListAsync(SpikeDetector.Since(now, rules), cancellationToken).ConfigureAwait(false);
        var log = new List<string>();
        foreach (var topic in topicIds)
        {
            var verdict = SpikeDetector.Evaluate(topic, found, now, rules);
            var open = await spikes.GetOpenAsync(topic, cancellationToken).ConfigureAwait(false);
            if (verdict.IsSpike)
            {
                var spike = open is null
                    ? new Spike(topic, now, null, verdict.Count, verdict.Mean, verdict.Threshold, verdict.StoryIds)
                    : open with { Peak = Math.Max(open.Peak, verdict.Count), StoryIds = open.StoryIds.Union(verdict.StoryIds).ToList() };
                if (!spike.Notified)
                {
                    await breaking.EnqueueAsync(spike, cancellationToken).ConfigureAwait(false);
                    spike = spike with { Notified = true };
                }

                if (await spikes.TrySaveAsync(spike, cancellationToken).ConfigureAwait(false) && open is null)
                {
                    _metrics.RecordSpike(topic, started: true);
                    log.Add($"{topic}: spike started, {verdict.Count} new stories in the last hour (threshold {verdict.Threshold:0.#}, usually {verdict.Mean:0.#})");
                }
            }
            else if (open is not null && await spikes.TrySaveAsync(open with { EndedAt = now }, cancellationToken).ConfigureAwait(false))
            {
                _metrics.RecordSpike(topic, started: false);
                log.Add($"{topic}: spike ended, {verdict.Count} new stories in the last hour (threshold {verdict.Threshold:0.#})");
            }
        }

        return log;
    }
}
