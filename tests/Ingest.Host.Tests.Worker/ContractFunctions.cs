using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Ingest.Host.Tests.Worker;

/// <summary>One function per trigger kind, each saying back what it was given, so the tests see what the host sent.</summary>
public sealed class ContractFunctions(ILogger<ContractFunctions> logger)
{
    [Function("Echo")]
    public async Task Echo([QueueTrigger("echo")] string message, FunctionContext context)
    {
        var dequeueCount = context.BindingContext.BindingData.TryGetValue("DequeueCount", out var count) ? count : null;
        logger.LogInformation("echo: {Message} (try {DequeueCount})", message, dequeueCount);
        if (message == "fail")
        {
            throw new InvalidOperationException("asked to fail");
        }

        // "slow N": takes N milliseconds, as a send to a slow mail server would.
        if (message.StartsWith("slow ", StringComparison.Ordinal))
        {
            await Task.Delay(int.Parse(message[5..], System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Function("Tick")]
    public void Tick([TimerTrigger("%TickSchedule%")] TimerInfo timer) =>
        logger.LogInformation("tick: past due {PastDue}", timer.IsPastDue);

    [Function("Hello")]
    public async Task<IResult> Hello([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "hello/{name}")] HttpRequest request, string name)
    {
        var body = await new StreamReader(request.Body).ReadToEndAsync();
        request.HttpContext.Response.Headers["X-Seen-Method"] = request.Method;
        return Results.Text($"hello {name}: {body}", "text/plain", statusCode: body.Length > 0 ? 201 : 200);
    }
}
