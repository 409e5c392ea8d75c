using System.Text.Json;

namespace Ingest.Functions.Invocations;

/// <summary>
/// Maps a function name to a plain handler method. The answer is always <c>application/json</c> with
/// <c>Outputs</c>, <c>Logs</c> and <c>ReturnValue</c>; a handler that throws fails the invocation (500, or 400
/// for a body the host should never send), so the host retries a queue message and poisons it after the last try.
/// </summary>
public static class FunctionEndpoints
{
    public static void MapQueueFunction(this IEndpointRouteBuilder app, string functionName, string binding,
        Func<QueueTrigger, InvocationLog, CancellationToken, Task> handler) =>
        Map(app, functionName, (invocation, log, ct) => handler(QueueTrigger.From(invocation, binding), log, ct));

    public static void MapTimerFunction(this IEndpointRouteBuilder app, string functionName, string binding,
        Func<TimerTrigger, InvocationLog, CancellationToken, Task> handler) =>
        Map(app, functionName, (invocation, log, ct) => handler(TimerTrigger.From(invocation, binding), log, ct));

    private static void Map(IEndpointRouteBuilder app, string functionName, Func<HostInvocation, InvocationLog, CancellationToken, Task> handler) =>
        app.MapPost("/" + functionName, async (HttpRequest request, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        {
            var log = new InvocationLog();
            try
            {
                var invocation = await HostInvocation.ReadAsync(functionName, request, cancellationToken);
                await handler(invocation, log, cancellationToken);
                return Answer(log, StatusCodes.Status200OK);
            }
            catch (InvocationFormatException ex)
            {
                log.Add(ex.Message);
                return Answer(log, StatusCodes.Status400BadRequest);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                loggers.CreateLogger("Ingest.Functions." + functionName).LogError(ex, "{Function} failed", functionName);
                log.Add($"{functionName} failed: {ex.Message}");
                return Answer(log, StatusCodes.Status500InternalServerError);
            }
        });

    // The contract's names exactly as written (minimal APIs would camel-case them).
    private static readonly JsonSerializerOptions ContractJson = new();

    private static IResult Answer(InvocationLog log, int status) =>
        Results.Json(new { Outputs = new Dictionary<string, object>(), Logs = log.Lines, ReturnValue = (object?)null }, ContractJson, statusCode: status);
}
