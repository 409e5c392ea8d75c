using Ingest.Core.Deliveries;
using Ingest.Functions.Queues;
using Microsoft.Azure.Functions.Worker;
using Ingest.Core.Model;

namespace Ingest.Functions.SendDigest;

/// <summary>Queue <c>digests</c>: sends one subscriber's digest for one period, at most once.</summary>
public sealed class SendDigestFunction(DigestSender digests, MailRetries retries, ILogger<SendDigestFunction> logger)
{
    [Function("SendDigest")]
    public async Task RunAsync([QueueTrigger("digests")] string message, FunctionContext context, CancellationToken cancellationToken)
    {
        var period = context.ReadMessage(message, DigestPeriod.Parse);

        await retries.RunAsync(context, "digests", message, async () =>
            logger.LogInformation("{Outcome}", await digests.SendAsync(period, cancellationToken)), cancellationToken);
    }
}
