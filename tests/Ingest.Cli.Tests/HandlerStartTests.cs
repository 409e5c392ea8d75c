using Ingest.Cli.Hosting;
using Ingest.Testing;

namespace Ingest.Cli.Tests;

/// <summary>How <c>ingest host</c> waits for a starting handler, with real processes.</summary>
public sealed class HandlerStartTests
{
    [Fact]
    public async Task A_handler_whose_first_answer_takes_seconds_is_waited_for_not_given_up_on()
    {
        // As on a busy machine: the handler listens at once but takes three seconds to answer.
        var folder = Directory.CreateTempSubdirectory("ingest-slow-handler-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "slow-handler.js"), """
            require("http").createServer((request, response) => setTimeout(() => response.end("ok"), 3000))
                .listen(Number(process.env.FUNCTIONS_CUSTOMHANDLER_PORT), "127.0.0.1");
            """);
        var app = new FunctionApp(folder, new HandlerDescription("node", folder, ["slow-handler.js"]),
            new QueueSettings(TimeSpan.FromSeconds(1), TimeSpan.Zero, 16, 8, 5, true), "api", null, []);
        var log = new StringWriter();
        await using var handler = new HandlerProcess(app, new Dictionary<string, string>(), new HostLog(TextWriter.Synchronized(log), TimeProvider.System), TimeProvider.System);
        using var stop = new CancellationTokenSource();

        var run = handler.RunAsync(stop.Token);
        var ready = handler.WaitReadyAsync(CancellationToken.None);
        var first = await Task.WhenAny(ready, run, Task.Delay(HandlerProcess.InitializationTimeout + TimeSpan.FromSeconds(30)));

        Assert.True(first == ready, $"the host gave up on a slow handler: {(run.IsFaulted ? run.Exception!.InnerException!.Message : "no answer")}\n{log}");
        Assert.Contains("handler ready on port", log.ToString());
        await stop.CancelAsync();
        await run;
    }
}
