using Ingest.Core.Deliveries;
using System.Text.Json;
using Ingest.Core.Polling;

namespace Ingest.Core.Model;

/// <summary>
/// The hits one poll of one feed found, for subscribers who want them as they happen (the <c>alerts</c> queue).
/// <see cref="Id"/> (feed and poll request time) is the same on every redelivery, so no subscriber gets a batch twice.
/// </summary>
public sealed record AlertBatch(string FeedId, DateTimeOffset RequestedAt, IReadOnlyList<StoredHit> Hits)
{
    /// <summary>Hits per message, to stay well inside the queue's 64 KB.</summary>
    public const int MaxHits = 40;

    public string Id => $"a-{FeedId}-{RequestedAt.UtcDateTime:yyyyMMdd'T'HHmmss}";

    public string ToMessage() => JsonSerializer.Serialize(this);

    public static AlertBatch Parse(string message)
    {
        try
        {
            return JsonSerializer.Deserialize<AlertBatch>(message) is { FeedId.Length: > 0, Hits: not null } batch
                ? batch
                : throw new FormatException("an alerts message needs feedId, requestedAt and hits");
        }
        catch (JsonException ex)
        {
            throw new FormatException($"an alerts message must be JSON: {ex.Message}", ex);
        }
    }

    public static IEnumerable<AlertBatch> For(string feedId, DateTimeOffset requestedAt, IEnumerable<StoredHit> hits) =>
        hits.Chunk(MaxHits).Select((chunk, i) => new AlertBatch(i == 0 ? feedId : $"{feedId}.{i}", requestedAt, chunk));
}

/// <summary>The <c>alerts</c> queue.</summary>
public interface IAlertQueue
{
    Task EnqueueAsync(AlertBatch batch, CancellationToken cancellationToken);
}
