using Ingest.Core.Model;
using Ingest.Core.Monitoring;
using Ingest.Core.Telemetry;
using Ingest.Functions.Http;
using Ingest.Functions.Queues;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace Ingest.Functions;

/// <summary>
/// What every invocation shares: responses are never to be sniffed as another type (a JSON error shown as HTML); an
/// HTTP function that fails answers a 5xx with one plain sentence (<see cref="FailureAnswer"/>; left to itself the
/// worker would answer 200 with nothing), and one whose client has gone is simply over; a queue message no function
/// can read becomes one clear log line before the failure sends it on to its next try and, after the last, to the
/// poison queue, and every queue invocation that fails is counted as tried again or given up on
/// (<see cref="IngestMetrics.RecordQueueFailure"/>); a timer that fails is noted in the <c>Runs</c> table, so status
/// shows it after the outage ends.
/// </summary>
public sealed class InvocationMiddleware(IRunLog runs, IStorageFaults faults, IngestMetrics metrics, QueueTries tries, TimeProvider time, ILogger<InvocationMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        context.GetHttpContext()?.Response.Headers.XContentTypeOptions = "nosniff";

        try
        {
            await next(context);
        }
        catch (Exception) when (context.DequeueCount() is { } delivery && Counted(context, delivery))
        {
            throw;
        }
        catch (UnreadableMessageException ex)
        {
            logger.Unreadable(ex.Message);
            throw;
        }
        catch (Exception ex) when (context.GetHttpContext() is { } http && ex is not (UnreadableMessageException or FunctionInputConverterException))
        {
            if (http.RequestAborted.IsCancellationRequested)
            {
                logger.ClientGone(context.FunctionDefinition.Name);
                return;
            }

            // Storage is the only service an HTTP function calls, so a connection that failed under it is storage away
            // too, even when the SDK hands the transport's exception on unwrapped.
            var reason = faults.Explain(ex, countConnections: true);
            var storageDown = reason is not null;
            if (storageDown)
            {
                logger.StorageAway(context.FunctionDefinition.Name, reason!);
            }
            else
            {
                logger.Answered500(ex, context.FunctionDefinition.Name, ex.GetType(), ex.Message);
            }

            await FailureAnswer.WriteAsync(http, storageDown);
        }
        catch (Exception ex) when (IsTimer(context) && ex is not OperationCanceledException)
        {
            // A timer's failure is kept where /api/status shows it, also after the runs that follow succeed.
            var error = faults.Explain(ex) ?? ex.Message.Split('\n')[0];
            await runs.NoteFailureAsync(context.FunctionDefinition.Name, time.GetUtcNow(), error, CancellationToken.None);
            throw;
        }
        catch (FunctionInputConverterException ex)
        {
            // A message that does not bind to its function's record: say so once, plainly, then fail as any bad message does.
            logger.UnboundMessage(context.FunctionDefinition.Name, context.MessageId(), ex.Message);
            throw;
        }
    }

    /// <summary>Counts a failed queue invocation and lets the failure on to the policy below (always false).</summary>
    private bool Counted(FunctionContext context, string delivery)
    {
        metrics.RecordQueueFailure(context.FunctionDefinition.Name, givenUp: tries.IsLast(delivery));
        return false;
    }

    private static bool IsTimer(FunctionContext context) =>
        context.FunctionDefinition.InputBindings.Values.Any(b => b.Type.Equals("timerTrigger", StringComparison.OrdinalIgnoreCase));
}
