using Ingest.Core.Mail;
using Ingest.Core.Model;
using Ingest.Core.Telemetry;
using Microsoft.Azure.Functions.Worker;

namespace Ingest.Functions.Queues;

/// <summary>
/// One policy for every function that sends mail: a mail the server did not take is not retried at once (a queue
/// message has a few quick tries, gone in minutes) but put back on its queue to show again after a growing delay
/// (<see cref="MailRetryPolicy"/>), so an outage of hours ends with every mail delivered, once, without an operator.
/// Only when the policy's window is spent does the message go to the poison queue. Any other failure fails the
/// invocation, as before, for the host's retries.
/// </summary>
public sealed class MailRetries(IMailRetryQueue queues, MailRetryPolicy policy, IngestMetrics metrics, TimeProvider time, ILogger<MailRetries> logger)
{
    public async Task RunAsync<T>(FunctionContext context, string queue, T message, Func<Task> send, CancellationToken cancellationToken) where T : IQueueMessage
    {
        try
        {
            await send();
        }
        catch (TransientDeliveryException failure)
        {
            var function = context.FunctionDefinition.Name;
            if (policy.Next(failure.Attempts, failure.FirstFailedAt, time.GetUtcNow()) is { } delay)
            {
                await queues.RetryLaterAsync(queue, message, delay, cancellationToken);
                metrics.RecordQueueFailure(function, givenUp: false);
                logger.MailDeferred(function, failure.Message, failure.Attempts, failure.FirstFailedAt, delay);
                return;
            }

            await queues.PoisonAsync(queue, message, cancellationToken);
            metrics.RecordQueueFailure(function, givenUp: true);
            logger.MailGivenUp(function, failure.Message, failure.FirstFailedAt, policy.Window, queue);
        }
    }
}
