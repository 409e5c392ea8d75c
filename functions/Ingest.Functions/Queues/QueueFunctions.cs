using System.Runtime.ExceptionServices;
using Ingest.Core.Deliveries;
using Ingest.Core.Mail;
using Ingest.Core.Model;
using Ingest.Core.Polling;
using Ingest.Core.Stories;
using Ingest.Core.Subscriptions;
using Microsoft.Azure.Functions.Worker;

namespace Ingest.Functions.Queues;

/// <summary>
/// Every queue function, one record a queue (<see cref="QueueNames"/>):
/// <list type="table">
/// <item><term>PollFeed</term><description><c>feed-polls</c> → <see cref="PollRequest"/>: poll its feeds one after another, store their new articles and hits, queue the news as alerts.</description></item>
/// <item><term>SendAlert</term><description><c>alerts</c> → <see cref="AlertBatch"/>: one poll's news to the subscribers who want it as it happens.</description></item>
/// <item><term>SendDigest</term><description><c>digests</c> → <see cref="DigestPeriod"/>: one subscriber's digest for one period.</description></item>
/// <item><term>SendBreaking</term><description><c>breaking</c> → <see cref="Spike"/>: a spike that started, to the topic's breaking-news subscribers.</description></item>
/// <item><term>SendEmail</term><description><c>emails</c> → <see cref="OutgoingMail"/>: a queued confirmation mail.</description></item>
/// <item><term>ProcessSubscription</term><description><c>subscription-requests</c> → <see cref="Subscriber"/>: store a pending subscription, queue its confirmation.</description></item>
/// </list>
/// A message binds to its record; one that does not, or lacks what the work needs (<see cref="IQueueMessage.Lacks"/>),
/// fails every try (<see cref="InvocationMiddleware"/>) and ends in its poison queue where an operator sees it. Mail
/// that the server did not take is put back for later (<see cref="MailRetries"/>). Every mail goes out at most once.
/// </summary>
public sealed class QueueFunctions(
    FeedPoller poller,
    AlertSender alerts,
    DigestSender digests,
    BreakingSender breaking,
    OutboxSender outbox,
    SubscriptionService subscriptions,
    MailRetries retries,
    ILogger<QueueFunctions> logger)
{
    [Function("PollFeed")]
    public async Task PollFeedAsync([QueueTrigger(QueueNames.FeedPolls)] PollRequest request, FunctionContext context, CancellationToken cancellationToken)
    {
        var failures = new List<Exception>();
        await foreach (var result in poller.PollEachAsync(context.Require(request).Polls(), retried: context.DequeueCount() is { } delivery && delivery != "1", cancellationToken))
        {
            if (result.Outcome is not { } outcome)
            {
                failures.Add(result.Failure!);
                continue;
            }

            logger.Did(outcome);
            foreach (var warning in outcome.Warnings ?? [])
            {
                logger.FeedWarning(outcome.FeedId, warning);
            }
        }

        // Every feed was polled; the message is tried again if any failed (FeedPoller.PollEachAsync).
        if (failures.Count > 0)
        {
            ExceptionDispatchInfo.Throw(failures.Count == 1 ? failures[0] : new AggregateException(failures));
        }
    }

    [Function("SendAlert")]
    public Task SendAlertAsync([QueueTrigger(QueueNames.Alerts)] AlertBatch batch, FunctionContext context, CancellationToken cancellationToken) =>
        retries.RunAsync(context, QueueNames.Alerts, context.Require(batch), async () => Log(await alerts.SendAsync(batch, cancellationToken)), cancellationToken);

    [Function("SendDigest")]
    public Task SendDigestAsync([QueueTrigger(QueueNames.Digests)] DigestPeriod period, FunctionContext context, CancellationToken cancellationToken) =>
        retries.RunAsync(context, QueueNames.Digests, context.Require(period), async () => Log([await digests.SendAsync(period, cancellationToken)]), cancellationToken);

    [Function("SendBreaking")]
    public Task SendBreakingAsync([QueueTrigger(QueueNames.Breaking)] Spike spike, FunctionContext context, CancellationToken cancellationToken) =>
        retries.RunAsync(context, QueueNames.Breaking, context.Require(spike), async () => Log(await breaking.SendAsync(spike, cancellationToken)), cancellationToken);

    [Function("SendEmail")]
    public Task SendEmailAsync([QueueTrigger(QueueNames.Emails)] OutgoingMail mail, FunctionContext context, CancellationToken cancellationToken) =>
        retries.RunAsync(context, QueueNames.Emails, context.Require(mail), async () =>
        {
            var outcome = await outbox.SendAsync(mail, cancellationToken);
            var delivery = context.DequeueCount();
            logger.MailOutcome(outcome, delivery);
        }, cancellationToken);

    [Function("ProcessSubscription")]
    public async Task ProcessSubscriptionAsync([QueueTrigger(QueueNames.SubscriptionRequests)] Subscriber request, FunctionContext context, CancellationToken cancellationToken)
    {
        var outcome = await subscriptions.SubscribeAsync(context.Require(request), cancellationToken);
        logger.SubscriptionOutcome(request.Id, outcome);
    }

    private void Log(IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            logger.Did(line);
        }
    }
}
