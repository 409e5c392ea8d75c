using System.Text.Json.Serialization;

namespace Ingest.Core.Polling;

/// <summary>One more feed a <see cref="PollRequest"/> names: its id, and the validators its fetch starts with.</summary>
public sealed record FeedToPoll(
    [property: JsonPropertyName("feedId")] string FeedId,
    [property: JsonPropertyName("validators")] FeedValidators? Validators = null);
