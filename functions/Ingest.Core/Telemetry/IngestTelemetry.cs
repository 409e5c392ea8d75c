using System.Diagnostics;

namespace Ingest.Core.Telemetry;

/// <summary>
/// The name of Ingest's own traces and metrics, and the source of its spans. One article's way through the service is
/// one trace: a poll (<c>poll feed</c>) holds its <c>fetch</c>, <c>parse</c>, <c>read</c> (page, extraction and
/// matching of the new items), <c>file stories</c> and <c>store</c> spans. The worker exports them where an exporter
/// is configured; with no listener a span costs nothing.
/// </summary>
public static class IngestTelemetry
{
    public const string Name = "Ingest";

    public static ActivitySource Source { get; } = new(Name);

    /// <summary>Tags Ingest puts on its spans and measurements.</summary>
    public static class Tags
    {
        public const string FeedId = "ingest.feed.id";
        public const string Outcome = "ingest.outcome";
        public const string Topic = "ingest.topic";
        public const string Queue = "ingest.queue";
        public const string Function = "ingest.function";
        public const string Items = "ingest.items";
        public const string NewItems = "ingest.items.new";
    }
}
