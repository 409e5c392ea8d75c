using System.Text.Json;
using Ingest.Core.Scheduling;

namespace Ingest.Core.Polling;

/// <summary>A <c>feed-polls</c> message to send and how long it stays invisible.</summary>
public sealed record PollMessage(PollRequest Request, TimeSpan Delay);

/// <summary>
/// Packs a tick's polls into <c>feed-polls</c> messages. Each message costs the queue a send and, once polled, a
/// delete, so polls due at the same moment share messages: as many feeds a message as keeps every one of the host's
/// <see cref="QueueSlots"/> busy (a small catalogue still gets a message per feed, polled side by side), at most
/// <see cref="MaxFeedsPerMessage"/>. A message's feeds are polled one after another, so the polls in flight stay
/// what the queue slots make them. A poll spread over the interval (<see cref="PollSpread"/>) waits in a message of
/// its own moment.
/// </summary>
public static class PollMessages
{
    /// <summary>Messages the Functions host works on at once: <c>host.json</c>'s <c>batchSize</c> plus <c>newBatchThreshold</c>.</summary>
    public const int QueueSlots = 32;

    /// <summary>Feeds one message names at most: past this, fewer sends save little and a retried message polls more again.</summary>
    public const int MaxFeedsPerMessage = 8;

    /// <summary>The JSON of the feeds one message names, in characters at most: under the queue's 64 KB once in base64.</summary>
    public const int MaxJsonChars = 40_000;

    public static IReadOnlyList<PollMessage> Pack(IReadOnlyList<PlannedPoll> polls, DateTimeOffset now)
    {
        var perMessage = Math.Clamp((polls.Count + QueueSlots - 1) / QueueSlots, 1, MaxFeedsPerMessage);
        var messages = new List<PollMessage>();
        foreach (var moment in polls.GroupBy(poll => poll.Delay))
        {
            var batch = new List<FeedToPoll>();
            var chars = 0;
            foreach (var poll in moment)
            {
                var feed = new FeedToPoll(poll.Feed.Id, FeedValidators.Of(poll.Feed));
                // Measured as written: the JSON escapes some characters an address or a tag may hold at six times their length.
                var size = JsonSerializer.Serialize(feed).Length;
                if (batch.Count == perMessage || (batch.Count > 0 && chars + size > MaxJsonChars))
                {
                    messages.Add(Message(batch, now, moment.Key));
                    batch.Clear();
                    chars = 0;
                }

                batch.Add(feed);
                chars += size;
            }

            messages.Add(Message(batch, now, moment.Key));
        }

        return messages;
    }

    private static PollMessage Message(List<FeedToPoll> batch, DateTimeOffset now, TimeSpan delay) =>
        new(new PollRequest(batch[0].FeedId, now + delay, batch[0].Validators, batch.Count > 1 ? [.. batch.Skip(1)] : null), delay);
}
