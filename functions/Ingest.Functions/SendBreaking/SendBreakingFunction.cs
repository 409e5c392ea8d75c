using Ingest.Core.Stories;
using Ingest.Storage.Stores;
using Ingest.Functions.Queues;
using Microsoft.Azure.Functions.Worker;
using Ingest.Core.Deliveries;

namespace Ingest.Functions.SendBreaking;

/// <summary>Queue <c>breaking</c>: a spike that started, mailed to the topic's breaking-news subscribers.</summary>
public sealed class SendBreakingFunction(BreakingSender sender, MailRetries retries, ILogger<SendBreakingFunction> logger)
{
    [Function("SendBreaking")]
    public async Task RunAsync([QueueTrigger("breaking")] string message, FunctionContext context, CancellationToken cancellationToken)
    {
        var spike = context.ReadMessage(message, text => QueueJson.Read<Spike>(text, "breaking", s => s.TopicId is { Length: > 0 } && s.StoryIds is not null, "topicId, startedAt and storyIds"));

        await retries.RunAsync(context, "breaking", message, async () =>
        {
            foreach (var line in await sender.SendAsync(spike, cancellationToken))
            {
                logger.LogInformation("{Line}", line);
            }
        }, cancellationToken);
    }
}
