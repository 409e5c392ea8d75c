using Ingest.Core.Mail;
using Ingest.Core.Model;
using Ingest.Core.Monitoring;
using Ingest.Core.Telemetry;
using Ingest.Testing;
using Ingest.Testing.Fakes;

namespace Ingest.Core.Tests.Monitoring;

/// <summary>
/// What the alert rules watch comes from the status: the reporter reads it as <c>/api/status</c> would and records
/// the freshness level and every queue's depths, so a poisoned message reaches the operator's alert.
/// </summary>
public sealed class StatusReporterTests
{
    private static readonly string[] StatusInstruments = ["ingest.freshness", "ingest.queue.depth", "ingest.queue.poison"];

    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));
    private readonly InMemoryQueueService _queues;

    public StatusReporterTests() => _queues = new InMemoryQueueService(_clock);

    [Fact]
    public async Task A_poisoned_mail_is_reported_as_an_unhealthy_level_and_a_poison_depth_on_its_queue()
    {
        await _queues.PoisonAsync(QueueNames.Emails, Mail("m1"), CancellationToken.None);
        await _queues.RetryLaterAsync(QueueNames.Emails, Mail("m2"), TimeSpan.FromMinutes(5), CancellationToken.None);

        var (freshness, measured) = await ReportAsync();

        Assert.Equal(FreshnessReport.Unhealthy, freshness.Status);
        Assert.Contains(("ingest.freshness", 2, null), measured);
        Assert.Contains(("ingest.queue.poison", 1, QueueNames.Emails), measured);
        Assert.Contains(("ingest.queue.depth", 1, QueueNames.Emails), measured);
        Assert.Contains(("ingest.queue.poison", 0, QueueNames.FeedPolls), measured);
        Assert.Equal(QueueNames.All.Count, measured.Count(m => m.Instrument == "ingest.queue.poison"));
    }

    [Fact]
    public async Task A_service_with_nothing_wrong_but_no_feeds_yet_is_reported_at_its_own_level_with_empty_queues()
    {
        var (freshness, measured) = await ReportAsync();

        Assert.Contains(("ingest.freshness", freshness.Level, null), measured);
        Assert.True(freshness.Level < 2, $"nothing is wrong, yet the level is {freshness.Level}: {string.Join("; ", freshness.Reasons)}");
        Assert.All(measured.Where(m => m.Instrument.StartsWith("ingest.queue.", StringComparison.Ordinal)), m => Assert.Equal(0, m.Value));
    }

    private static OutgoingMail Mail(string id) =>
        new("reader@example.org", "Daily digest", "<p>digest</p>", "digest", new Uri("https://ingest.example.org/unsubscribe"), Id: id);

    private async Task<(FreshnessReport Freshness, List<(string Instrument, int Value, string? Queue)> Measured)> ReportAsync()
    {
        using var recorder = new MetricRecorder();
        var reader = new StatusReader(new InMemoryFeedStore(), new InMemoryArticleStore(), new InMemorySpikeStore(), new InMemoryDeliveryStore(), _queues,
            new InMemoryRunLog(), new InMemoryStorage([]), new TopicCatalog([new TopicEntry("kfor", "KFOR", "KFOR", "The NATO-led force in Kosovo")]), _clock);

        var freshness = await new StatusReporter(reader, recorder.Metrics).ReportAsync(CancellationToken.None);

        var measured = StatusInstruments.SelectMany(recorder.Of)
            .Select(m => (m.Instrument, (int)m.Value, m.Tags.Where(t => t.StartsWith(IngestTelemetry.Tags.Queue + "=", StringComparison.Ordinal)).Select(t => (string?)t[(IngestTelemetry.Tags.Queue.Length + 1)..]).SingleOrDefault()));
        return (freshness, [.. measured]);
    }
}
