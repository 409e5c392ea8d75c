using System.Diagnostics.Metrics;
using Ingest.Core.Model;

namespace Ingest.Core.Telemetry;

/// <summary>
/// The measurements that say whether Ingest does its job, on one <see cref="Meter"/> named
/// <see cref="IngestTelemetry.Name"/> (made by the host's meter factory, so each host and each test has its own):
/// polls by outcome and how long they took, fetches by outcome and how long they took, the items seen and new, pages
/// read for full text, how long matching took, the hits per topic, stories founded and joined, spikes, mails by
/// outcome, queue messages tried again or given up on, and what the status reports every five minutes (the freshness
/// level and each queue's depth and poison depth), which the alert rules of <c>infra/</c> watch.
/// </summary>
public sealed class IngestMetrics
{
    private readonly Counter<long> _polls;
    private readonly Histogram<double> _pollDuration;
    private readonly Counter<long> _itemsSeen;
    private readonly Counter<long> _itemsNew;
    private readonly Counter<long> _hits;
    private readonly Histogram<double> _fetchDuration;
    private readonly Counter<long> _mails;
    private readonly Counter<long> _pages;
    private readonly Histogram<double> _matchDuration;
    private readonly Counter<long> _stories;
    private readonly Counter<long> _spikes;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _poisoned;
    private readonly Gauge<int> _freshness;
    private readonly Gauge<int> _queueDepth;
    private readonly Gauge<int> _poisonDepth;

    public IngestMetrics(Meter meter)
    {
        _polls = meter.CreateCounter<long>("ingest.polls", "{poll}", "Feed polls, by outcome (ok, not-modified, failed, retry-later, gone, not-a-feed, requeued, skipped)");
        _pollDuration = meter.CreateHistogram<double>("ingest.poll.duration", "s", "How long a feed poll took, fetch to stored state");
        _itemsSeen = meter.CreateCounter<long>("ingest.items.seen", "{item}", "Items the polled feeds listed");
        _itemsNew = meter.CreateCounter<long>("ingest.items.new", "{item}", "Items stored as new articles");
        _hits = meter.CreateCounter<long>("ingest.hits", "{hit}", "Topic hits of new articles, by topic");
        _fetchDuration = meter.CreateHistogram<double>("ingest.fetch.duration", "s", "How long fetching a feed took, by outcome (ok, notmodified, failed, retrylater, gone, hostbusy)");
        _mails = meter.CreateCounter<long>("ingest.mails", "{mail}", "Mails by outcome (sent, deferred, refused, done before, claimed elsewhere)");
        _pages = meter.CreateCounter<long>("ingest.pages", "{page}", "Article pages fetched for full text, by outcome (read, unavailable, over-limit)");
        _matchDuration = meter.CreateHistogram<double>("ingest.match.duration", "s", "How long matching one article against the topic model took");
        _stories = meter.CreateCounter<long>("ingest.stories", "{report}", "Reports filed under stories, by outcome (founded a story, joined one)");
        _spikes = meter.CreateCounter<long>("ingest.spikes", "{spike}", "Spikes of a topic's new stories, by topic and outcome (started, ended)");
        _retries = meter.CreateCounter<long>("ingest.queue.retries", "{message}", "Queue messages whose invocation failed and that will be tried again, by function");
        _poisoned = meter.CreateCounter<long>("ingest.queue.poisoned", "{message}", "Queue messages given up on (moved to the poison queue), by function");
        _freshness = meter.CreateGauge<int>("ingest.freshness", "{level}", "The freshness verdict of the status: 0 healthy, 1 degraded, 2 unhealthy");
        _queueDepth = meter.CreateGauge<int>("ingest.queue.depth", "{message}", "Messages waiting in a queue, by queue");
        _poisonDepth = meter.CreateGauge<int>("ingest.queue.poison", "{message}", "Messages in a queue's poison queue (failed every retry), by queue");
    }

    /// <summary>The service's state as the status read it: its freshness level and every queue's depths.</summary>
    public void RecordStatus(int freshnessLevel, IEnumerable<(string Queue, int Messages, int Poison)> queues)
    {
        _freshness.Record(freshnessLevel);
        foreach (var (queue, messages, poison) in queues)
        {
            var tag = new KeyValuePair<string, object?>(IngestTelemetry.Tags.Queue, queue);
            _queueDepth.Record(messages, tag);
            _poisonDepth.Record(poison, tag);
        }
    }

    /// <summary>One feed fetched, ending in <paramref name="outcome"/>.</summary>
    public void RecordFetch(string outcome, TimeSpan duration) =>
        _fetchDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>(IngestTelemetry.Tags.Outcome, outcome));

    /// <summary>One delivery of a mail, ending in <paramref name="outcome"/> (see <see cref="MailOutcomes"/>).</summary>
    public void RecordMail(string outcome) => _mails.Add(1, new KeyValuePair<string, object?>(IngestTelemetry.Tags.Outcome, outcome));

    /// <summary>One article's page wanted for its full text: read, unavailable (the fetch failed), or over the poll's limit.</summary>
    public void RecordPage(string outcome) => _pages.Add(1, new KeyValuePair<string, object?>(IngestTelemetry.Tags.Outcome, outcome));

    /// <summary>One article matched against the topic model.</summary>
    public void RecordMatch(TimeSpan duration) => _matchDuration.Record(duration.TotalSeconds);

    /// <summary>One report filed: it founded a story, or joined one.</summary>
    public void RecordStory(bool founded) => _stories.Add(1, new KeyValuePair<string, object?>(IngestTelemetry.Tags.Outcome, founded ? "founded" : "joined"));

    /// <summary>A spike of <paramref name="topic"/> started or ended.</summary>
    public void RecordSpike(string topic, bool started) => _spikes.Add(1,
        new KeyValuePair<string, object?>(IngestTelemetry.Tags.Topic, topic),
        new KeyValuePair<string, object?>(IngestTelemetry.Tags.Outcome, started ? "started" : "ended"));

    /// <summary>A queue message of <paramref name="function"/> that failed: tried again later, or given up on for the poison queue.</summary>
    public void RecordQueueFailure(string function, bool givenUp) =>
        (givenUp ? _poisoned : _retries).Add(1, new KeyValuePair<string, object?>(IngestTelemetry.Tags.Function, function));

    /// <summary>Measurements nobody reads: for code run outside a host (tools, tests that do not look).</summary>
    public static IngestMetrics Unobserved { get; } = new(new Meter(IngestTelemetry.Name + ".Unobserved"));

    /// <summary>One poll that ended with <paramref name="outcome"/> (a poll status), having seen <paramref name="items"/> items.</summary>
    public void RecordPoll(string outcome, TimeSpan duration, int items, int newItems, IEnumerable<StoredHit> hits)
    {
        var status = new KeyValuePair<string, object?>(IngestTelemetry.Tags.Outcome, outcome);
        _polls.Add(1, status);
        _pollDuration.Record(duration.TotalSeconds, status);
        _itemsSeen.Add(items);
        _itemsNew.Add(newItems);
        foreach (var topic in hits.GroupBy(h => h.TopicId))
        {
            _hits.Add(topic.Count(), new KeyValuePair<string, object?>(IngestTelemetry.Tags.Topic, topic.Key));
        }
    }
}

/// <summary>The outcomes <see cref="IngestMetrics.RecordMail"/> counts.</summary>
public static class MailOutcomes
{
    public const string Sent = "sent";

    /// <summary>The server may take it later: the message is tried again.</summary>
    public const string Deferred = "deferred";

    /// <summary>Refused for good (no such mailbox): not tried again.</summary>
    public const string Refused = "refused";

    /// <summary>Sent, found empty or being sent before: not sent again.</summary>
    public const string DoneBefore = "done-before";

    /// <summary>Another invocation claimed it first.</summary>
    public const string ClaimedElsewhere = "claimed-elsewhere";
}
