using System.Text.Json.Serialization;

namespace Ingest.Core.Model;

/// <summary>
/// One digest of one subscriber: the hits published in [<see cref="Start"/>, <see cref="End"/>). The id
/// (<c>d-2026-11-22</c>, <c>w-2026-11-23</c>: kind and the local date the digest is for) is the same however
/// often the period is computed, which is what makes a repeated <c>digests</c> message harmless.
/// </summary>
public sealed record DigestPeriod(
    [property: JsonPropertyName("subscriberId")] string SubscriberId,
    [property: JsonPropertyName("periodId")] string Id,
    [property: JsonPropertyName("start")] DateTimeOffset Start,
    [property: JsonPropertyName("end")] DateTimeOffset End)
    : IQueueMessage
{
    public string? Lacks() => SubscriberId is { Length: > 0 } && Id is { Length: > 0 } && End > Start
        ? null
        : "a digests message needs subscriberId, periodId, start and end (after start)";
}
