using System.Globalization;
using Ingest.Core.Reads;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace Ingest.Functions.Http;

/// <summary>
/// The read endpoints pass through <see cref="ReadGate"/>: a request past its limit is answered 503 with
/// <c>Retry-After</c> before any work is done for it.
/// </summary>
public sealed class ReadGateMiddleware(ReadGate gate, ReadLimits limits) : IFunctionsWorkerMiddleware
{
    /// <summary>The functions whose answer is built from many rows: everything else reads a row or two, or none.</summary>
    public static readonly IReadOnlySet<string> ReadFunctions = new HashSet<string>(StringComparer.Ordinal) { "Status", "Dashboard", "TopicFeed", "TopicJsonFeed", "SubscriberFeed", "SubscriberJsonFeed", "FeedsOpml", "ApiHits", "ApiStories" };

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (!ReadFunctions.Contains(context.FunctionDefinition.Name) || context.GetHttpContext() is not { } http)
        {
            await next(context);
            return;
        }

        if (!gate.TryEnter(context.FunctionDefinition.Name))
        {
            var response = http.Response;
            response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            response.Headers.RetryAfter = ((int)limits.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            response.Headers.CacheControl = "no-store";
            await response.WriteAsJsonAsync(new { error = "Ingest is answering as many of these requests as it can; try again in a few seconds." });
            return;
        }

        try
        {
            await next(context);
        }
        finally
        {
            gate.Leave(context.FunctionDefinition.Name);
        }
    }
}
