using Ingest.Core.Polling;
using Microsoft.Azure.Functions.Worker;

namespace Ingest.Functions.PollFeed;

/// <summary>Queue <c>feed-polls</c>: polls one feed and stores its new articles and hits.</summary>
public sealed class PollFeedFunction(FeedPoller poller, ILogger<PollFeedFunction> logger)
{
    [Function("PollFeed")]
    public async Task RunAsync([QueueTrigger("feed-polls")] string message, FunctionContext context, CancellationToken cancellationToken)
    {
        PollRequest request;
        try
        {
            request = PollRequest.Parse(message);
        }
        catch (FormatException ex)
        {
            // Fails every try, so the host moves it to feed-polls-poison where an operator sees it.
            throw new UnreadableMessageException("PollFeed", context.MessageId(), ex.Message);
        }

        var outcome = await poller.PollAsync(request, cancellationToken);
        logger.LogInformation("{Outcome}", outcome.ToString());
        foreach (var warning in outcome.Warnings ?? [])
        {
            logger.LogInformation("{FeedId}: {Warning}", outcome.FeedId, warning);
        }
    }
}
