using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace Ingest.Functions;

/// <summary>
/// What every invocation shares: responses are never to be sniffed as another type (a JSON error shown as HTML), and
/// a queue message no function can read becomes one clear log line before the failure sends it on to its next try
/// and, after the last, to the poison queue.
/// </summary>
public sealed class InvocationMiddleware(ILogger<InvocationMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is { } http)
        {
            http.Response.Headers.XContentTypeOptions = "nosniff";
        }

        try
        {
            await next(context);
        }
        catch (UnreadableMessageException ex)
        {
            logger.LogError("{Reason}", ex.Message);
            throw;
        }
        catch (FunctionInputConverterException ex)
        {
            // A message that does not bind to its function's record: say so once, plainly, then fail as any bad message does.
            logger.LogError("{Function}: unreadable message {MessageId}: {Reason}", context.FunctionDefinition.Name, context.MessageId(), ex.Message);
            throw;
        }
    }
}
