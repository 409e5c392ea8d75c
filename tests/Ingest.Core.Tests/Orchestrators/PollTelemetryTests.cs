using System.Collections.Concurrent;
using System.Diagnostics;
using Ingest.Core.Deliveries;
using Ingest.Core.Fetching;
using Ingest.Core.Model;
using Ingest.Core.Polling;
using Ingest.Core.Scheduling;
using Ingest.Core.Stories;
using Ingest.Core.Telemetry;
using Ingest.Core.Topics;
using Ingest.Testing;
using Ingest.Testing.Fakes;

namespace Ingest.Core.Tests.Orchestrators;

/// <summary>What an operator's telemetry sees of a poll: one trace with a span per step, and the poll counted with its items and hits.</summary>
public sealed class PollTelemetryTests : IAsyncLifetime
{
    private static readonly TopicMatcher Matcher = new(TopicModelLoader.LoadFile(Path.Combine(RepositoryRoot.Path, "seeds", "topics.json")));

    private readonly FakeWorld _world = new();
    private readonly InMemoryFeedStore _feeds = new();
    private readonly string _feedId = $"telemetry-{Guid.NewGuid():N}";
    private readonly InMemoryQueue<AlertBatch> _alerts;
    private LoopbackHttpServer _server = null!;

    public PollTelemetryTests() => _alerts = new InMemoryQueue<AlertBatch>(_world.Clock);

    public async Task InitializeAsync()
    {
        _server = await LoopbackHttpServer.StartAsync();
        _server.MapText("/wire.xml",
            "<rss version=\"2.0\"><channel><title>Wire</title>" +
            $"<item><title>{StoryTexts.CrossingTitle}</title><link>{_server.Url("/crossing")}</link><description>{StoryTexts.Crossing}</description></item>" +
            $"<item><title>Sunny weekend ahead on the coast</title><link>{_server.Url("/weather")}</link><description>Temperatures climb along the Adriatic.</description></item>" +
            "</channel></rss>");
        await _feeds.AddIfMissingAsync(new FeedRecord(_feedId, _server.Url("/wire.xml").AbsoluteUri), CancellationToken.None);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_poll_with_a_new_hit_is_one_trace_of_fetch_parse_read_file_store_and_the_alert_mail_and_is_counted_with_its_items_and_hits()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == IngestTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        using var recorder = new MetricRecorder();
        var metrics = recorder.Metrics;

        await _world.SubscribeAsync("ana", Frequency.Immediate, ["kfor"]);
        var outcome = await _world.Poller(_feeds, _world.Articles, _alerts, Matcher, metrics).PollAsync(new PollRequest(_feedId, _world.Clock.GetUtcNow()), CancellationToken.None);
        // The alert goes through its queue as it does in the service, and is sent by another invocation.
        var alert = Assert.Single(_alerts.Take());
        var sender = new AlertSender(_world.Subscribers, _world.CourierFor(new Mailer(_world.Deliveries, _world.Mail, _world.Clock, metrics)));
        await sender.SendAsync(alert, CancellationToken.None);
        await sender.SendAsync(alert, CancellationToken.None);

        var poll = Assert.Single(spans, s => s.OperationName == "poll feed" && (string?)s.GetTagItem(IngestTelemetry.Tags.FeedId) == _feedId);
        var steps = spans.Where(s => s.TraceId == poll.TraceId && s.Parent == poll).ToList();
        Assert.Equal(["fetch", "parse", "read", "file stories", "store"], steps.OrderBy(s => s.StartTimeUtc).Select(s => s.OperationName));
        var sends = spans.Where(s => s.OperationName == "send alert" && s.TraceId == poll.TraceId).ToList();
        Assert.Equal(2, sends.Count);
        Assert.All(sends, send => Assert.Equal(steps.Single(s => s.OperationName == "store").SpanId, send.ParentSpanId));
        Assert.Single(_world.Mail.Sent);
        Assert.Equal((PollStatus.Ok, 2, 2), ((string?)poll.GetTagItem(IngestTelemetry.Tags.Outcome), poll.GetTagItem(IngestTelemetry.Tags.Items), poll.GetTagItem(IngestTelemetry.Tags.NewItems)));

        Assert.Equal(PollStatus.Ok, outcome.Status);
        var ok = $"{IngestTelemetry.Tags.Outcome}={PollStatus.Ok}";
        Assert.Equal((1.0, 2.0, 2.0), (recorder.Total("ingest.polls", ok), recorder.Total("ingest.items.seen"), recorder.Total("ingest.items.new")));
        Assert.True(recorder.Total("ingest.hits", $"{IngestTelemetry.Tags.Topic}=kfor") >= 1);
        Assert.Single(recorder.Of("ingest.fetch.duration"), m => m.Tags.SequenceEqual([$"{IngestTelemetry.Tags.Outcome}=ok"]));
        // One article matched a topic and founded its story; both were matched.
        Assert.Equal(1, recorder.Total("ingest.stories", $"{IngestTelemetry.Tags.Outcome}=founded"));
        Assert.Equal(2, recorder.Of("ingest.match.duration").Count);
        // The batch delivered twice (as a queue may) mails once, and says so.
        Assert.Equal(1, recorder.Total("ingest.mails", $"{IngestTelemetry.Tags.Outcome}={MailOutcomes.Sent}"));
        Assert.Equal(1, recorder.Total("ingest.mails", $"{IngestTelemetry.Tags.Outcome}={MailOutcomes.DoneBefore}"));
    }

    [Fact]
    public async Task Pages_read_for_full_text_are_counted_as_read_or_unavailable()
    {
        var feedId = $"full-text-{Guid.NewGuid():N}";
        _server.MapText("/full.xml",
            "<rss version=\"2.0\"><channel><title>Desk</title>" +
            $"<item><title>{StoryTexts.CrossingTitle}</title><link>{_server.Url("/pages/crossing")}</link><description>Teaser.</description></item>" +
            $"<item><title>Budget talks resume</title><link>{_server.Url("/pages/missing")}</link><description>Teaser.</description></item>" +
            "</channel></rss>");
        _server.MapText("/pages/crossing", $"<html><body><article><h1>{StoryTexts.CrossingTitle}</h1><p>{StoryTexts.Crossing}</p></article></body></html>", "text/html; charset=utf-8");
        await _feeds.AddIfMissingAsync(new FeedRecord(feedId, _server.Url("/full.xml").AbsoluteUri, FullText: FullTextMode.Always), CancellationToken.None);
        using var recorder = new MetricRecorder();

        await _world.Poller(_feeds, _world.Articles, _alerts, Matcher, recorder.Metrics).PollAsync(new PollRequest(feedId, _world.Clock.GetUtcNow()), CancellationToken.None);

        Assert.Equal(1, recorder.Total("ingest.pages", $"{IngestTelemetry.Tags.Outcome}=read"));
        Assert.Equal(1, recorder.Total("ingest.pages", $"{IngestTelemetry.Tags.Outcome}=unavailable"));
    }
}
