using System.CommandLine;
using Ingest.Cli.Settings;
using Ingest.Host;

namespace Ingest.Cli.Hosting;

/// <summary><c>ingest host</c>: runs the Functions app locally, the way the Functions host would.</summary>
internal static class HostCommand
{
    public const string DefaultAppFolder = "functions/Ingest.Functions/bin/Debug/net10.0";

    /// <summary>The worker's <c>Telemetry__CounterSummarySeconds</c>, as configuration names it.</summary>
    private const string CounterSummarySetting = "Telemetry:CounterSummarySeconds";

    /// <summary>The worker's <c>Telemetry__SpanSummarySeconds</c>, as configuration names it.</summary>
    private const string SpanSummarySetting = "Telemetry:SpanSummarySeconds";

    public static Command Create()
    {
        var app = new Option<DirectoryInfo>("--app")
        {
            Description = $"The function app folder: host.json and the isolated worker (default: {DefaultAppFolder}, the build output; or a 'dotnet publish' folder).",
            DefaultValueFactory = _ => new DirectoryInfo(Repository.Resolve(DefaultAppFolder)),
        };
        var port = new Option<int>("--port")
        {
            Description = "Where HTTP functions are served (http://localhost:PORT/api/...).",
            DefaultValueFactory = _ => 7071,
        };
        var counters = new Option<int>("--counters")
        {
            Description = "Every SECONDS, print the running totals of Ingest's counters (polls, items, hits, stories, mails...) when they changed; 0 (the default) prints none.",
            HelpName = "SECONDS",
            DefaultValueFactory = _ => 0,
        };
        var spans = new Option<int>("--spans")
        {
            Description = "Every SECONDS, print how many spans of each kind ended and their total time (poll stages, each storage call, each invocation) when they changed; 0 (the default) prints none.",
            HelpName = "SECONDS",
            DefaultValueFactory = _ => 0,
        };
        var command = new Command("host", "Run the Functions app locally: start its isolated worker, fire timers, deliver queue messages (with retries and poison queues) and forward /api/* requests, as the Azure Functions host does. Ctrl+C stops it.")
        {
            app,
            port,
            counters,
            spans,
        };
        CommandAction.Set(command, async (parseResult, context, cancellationToken) =>
        {
            if (parseResult.GetValue(counters) is > 0 and var seconds)
            {
                // The worker's setting (Ingest.Functions' CounterSummary), passed on as every app setting is.
                context.Settings[CounterSummarySetting] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            if (parseResult.GetValue(spans) is > 0 and var spanSeconds)
            {
                // Ingest.Functions' SpanSummary, likewise.
                context.Settings[SpanSummarySetting] = spanSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            var functionApp = FunctionApp.Load(parseResult.GetValue(app)!.FullName, context.Settings);
            var log = new HostLog(context.Output, TimeProvider.System);
            try
            {
                await new FunctionHost(functionApp, context.Settings, log, TimeProvider.System, parseResult.GetValue(port)).RunAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }

            log.Write("host stopped");
            return ExitCodes.Success;
        });
        return command;
    }
}
