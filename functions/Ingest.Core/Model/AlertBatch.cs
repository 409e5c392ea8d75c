namespace Ingest.Core.Model;

/// <summary>
/// The hits one poll of one feed found, for subscribers who want them as they happen (the <c>alerts</c> queue).
/// <see cref="Id"/> (feed and poll request time) is the same on every redelivery, so no subscriber gets a batch twice.
/// </summary>
public sealed record AlertBatch(string FeedId, DateTimeOffset RequestedAt, IReadOnlyList<StoredHit> Hits) : IQueueMessage
{
    /// <summary>
    /// The W3C trace context of the poll that found the news, so its mail is in the same trace as its fetch (see
    /// <see cref="Telemetry.IngestTelemetry"/>); absent in messages queued before it was carried.
    /// </summary>
    public string? TraceParent { get; init; }

    /// <summary>Hits per message, to stay well inside the queue's 64 KB.</summary>
    public const int MaxHits = 40;

    public string Id => $"a-{FeedId}-{RequestedAt.UtcDateTime:yyyyMMdd'T'HHmmss}";

    public string? Lacks() => FeedId is { Length: > 0 } && Hits is not null ? null : "an alerts message needs feedId, requestedAt and hits";

    public static IEnumerable<AlertBatch> For(string feedId, DateTimeOffset requestedAt, IEnumerable<StoredHit> hits) =>
        hits.Chunk(MaxHits).Select((chunk, i) => new AlertBatch(i == 0 ? feedId : $"{feedId}.{i}", requestedAt, chunk) { TraceParent = System.Diagnostics.Activity.Current?.Id });
}
