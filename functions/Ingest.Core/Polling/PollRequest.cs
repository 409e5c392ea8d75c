using System.Text.Json.Serialization;
using Ingest.Core.Model;

namespace Ingest.Core.Polling;

/// <summary>
/// The <c>feed-polls</c> message: which feed to poll, and when the poll was asked for. A redelivered message
/// carries the same <see cref="RequestedAt"/>, which dates undated items, so a retry writes the same rows.
/// <see cref="Validators"/> (absent in messages written before they were added) lets the fetch start at once.
/// <see cref="Also"/> names more feeds polled after it, one after another, with the same date (<see cref="PollMessages"/>):
/// a message per feed cost the queue a send and a delete per feed and cycle.
/// </summary>
public sealed record PollRequest(
    [property: JsonPropertyName("feedId")] string FeedId,
    [property: JsonPropertyName("requestedAt")] DateTimeOffset RequestedAt,
    [property: JsonPropertyName("validators")] FeedValidators? Validators = null,
    [property: JsonPropertyName("also")] IReadOnlyList<FeedToPoll>? Also = null)
    : IQueueMessage
{
    /// <summary>The most feeds one message may name, so the work a message asks for stays bounded.</summary>
    public const int MaxFeeds = 16;

    /// <summary>The polls this message asks for, in order: its own feed, then each of <see cref="Also"/>.</summary>
    public IEnumerable<PollRequest> Polls()
    {
        yield return this with { Also = null };
        foreach (var feed in Also ?? [])
        {
            yield return new PollRequest(feed.FeedId, RequestedAt, feed.Validators);
        }
    }

    public string? Lacks() =>
        Also is { Count: >= MaxFeeds } ? $"a feed-polls message may name at most {MaxFeeds} feeds"
        : Also is not null && Also.Any(feed => feed is null) ? "a feed-polls message's also list holds an empty entry"
        : Polls().Select(LacksOne).FirstOrDefault(lacks => lacks is not null);

    private static string? LacksOne(PollRequest poll) =>
        poll.FeedId is not { Length: > 0 } ? "a feed-polls message must name a feedId"
        : poll.Validators is { } listed && !(Uri.TryCreate(listed.Url, UriKind.Absolute, out var url) && url.Scheme is "http" or "https") ? "a feed-polls message's validators must give the feed's http(s) url"
        : null;
}
