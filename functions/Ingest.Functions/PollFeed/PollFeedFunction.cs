using Ingest.Core.Polling;
using Ingest.Functions.Invocations;
using Ingest.Storage.Stores;

namespace Ingest.Functions.PollFeed;

/// <summary>Queue <c>feed-polls</c>: polls one feed and stores its new articles and hits.</summary>
public static class PollFeedFunction
{
    public static async Task RunAsync(QueueTrigger message, InvocationLog log, FeedPoller poller, CancellationToken cancellationToken)
    {
        PollRequest request;
        try
        {
            request = PollRequest.Parse(message.MessageText);
        }
        catch (FormatException ex)
        {
            // Fails every try, so the host moves it to feed-polls-poison where an operator sees it.
            throw new InvocationFormatException($"PollFeed: unreadable message {message.MessageId}: {ex.Message}");
        }

        var outcome = await poller.PollAsync(request, cancellationToken);
        log.Add(outcome.ToString());
        foreach (var warning in outcome.Warnings ?? [])
        {
            log.Add($"{outcome.FeedId}: {warning}");
        }
    }
}
