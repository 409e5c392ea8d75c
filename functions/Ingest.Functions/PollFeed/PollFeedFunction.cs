using Ingest.Core.Polling;
using Microsoft.Azure.Functions.Worker;

namespace Ingest.Functions.PollFeed;

/// <summary>
/// Queue <c>feed-polls</c>: polls one feed and stores its new articles and hits. The message binds to a
/// <see cref="PollRequest"/>; one that does not fails every try (see <see cref="InvocationMiddleware"/>) and ends in
/// feed-polls-poison where an operator sees it.
/// </summary>
public sealed class PollFeedFunction(FeedPoller poller, ILogger<PollFeedFunction> logger)
{
    [Function("PollFeed")]
    public async Task RunAsync([QueueTrigger("feed-polls")] PollRequest request, FunctionContext context, CancellationToken cancellationToken)
    {
        if (request is not { FeedId.Length: > 0 })
        {
            throw new UnreadableMessageException("PollFeed", context.MessageId(), "a feed-polls message must name a feedId");
        }

        var outcome = await poller.PollAsync(request, cancellationToken);
        logger.LogInformation("{Outcome}", outcome.ToString());
        foreach (var warning in outcome.Warnings ?? [])
        {
            logger.LogInformation("{FeedId}: {Warning}", outcome.FeedId, warning);
        }
    }
}
