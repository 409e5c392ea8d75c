using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Ingest.Host.Tests.Worker;

/// <summary>One function per trigger kind, each saying back what it was given, so the tests see what the host sent.</summary>
public sealed partial class ContractFunctions(ILogger<ContractFunctions> logger)
{
    [Function("Echo")]
    public async Task Echo([QueueTrigger("echo")] string message, FunctionContext context)
    {
        var dequeueCount = context.BindingContext.BindingData.TryGetValue("DequeueCount", out var count) ? count : null;
        Echoed(message, dequeueCount);
        if (message == "fail")
        {
            throw new InvalidOperationException("asked to fail");
        }

        // "slow N": takes N milliseconds, as a send to a slow mail server would.
        if (message.StartsWith("slow ", StringComparison.Ordinal))
        {
            await Task.Delay(int.Parse(message[5..], CultureInfo.InvariantCulture));
        }
    }

    [Function("Tick")]
    public void Tick([TimerTrigger("%TickSchedule%")] TimerInfo timer) => Ticked(timer.IsPastDue);

    [Function("Hello")]
    public async Task<IResult> Hello([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "hello/{name}")] HttpRequest request, string name)
    {
        var body = await new StreamReader(request.Body).ReadToEndAsync();
        Greeted(name);
        request.HttpContext.Response.Headers["X-Seen-Method"] = request.Method;
        return Results.Text($"hello {name}: {body}", "text/plain", statusCode: body.Length > 0 ? 201 : 200);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "echo: {Message} (try {DequeueCount})")]
    private partial void Echoed(string message, object? dequeueCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "tick: past due {PastDue}")]
    private partial void Ticked(bool pastDue);

    [LoggerMessage(Level = LogLevel.Information, Message = "hello: {Name}")]
    private partial void Greeted(string name);
}
