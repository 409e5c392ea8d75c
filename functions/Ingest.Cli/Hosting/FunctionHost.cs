using Ingest.Storage;
using Ingest.Storage.Accounts;
using Microsoft.Extensions.Configuration;

namespace Ingest.Cli.Hosting;

/// <summary>
/// <c>ingest host</c>: the local stand-in for the Functions host (DESIGN.md §5). It reads the app's host.json and
/// function.json files, keeps the handler running, fires timers, pumps queues and forwards HTTP, until stopped.
/// </summary>
public sealed class FunctionHost(FunctionApp app, IConfiguration settings, HostLog log, TimeProvider timeProvider, int httpPort)
{
    public async Task RunAsync(CancellationToken stopping)
    {
        var environment = settings.AsEnumerable()
            .Where(s => s.Value is not null)
            .ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!);
        await using var handler = new HandlerProcess(app, environment, log, timeProvider);
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = Timeout.InfiniteTimeSpan };
        var invoker = new FunctionInvoker(http, async ct => { await handler.WaitReadyAsync(ct); return handler.BaseAddress; }, (app.FunctionTimeout ?? TimeSpan.FromMinutes(30)) + TimeSpan.FromMinutes(1), timeProvider);

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var handlerRun = handler.RunAsync(linked.Token);
        await Task.WhenAny(handler.WaitReadyAsync(linked.Token), handlerRun);
        if (handlerRun.IsCompleted)
        {
            await handlerRun;
            return;
        }

        var web = HttpForwarder.Build(app, handler, http, log, httpPort);
        await web.StartAsync(linked.Token);
        log.Write($"functions: {string.Join(", ", app.Functions.Select(Describe))}; HTTP on http://localhost:{httpPort}/{app.RoutePrefix}/");

        var runners = new List<Task> { handlerRun };
        foreach (var function in app.Functions)
        {
            switch (function)
            {
                case TimerFunction timer:
                    runners.Add(new TimerRunner(timer, invoker, log, timeProvider).RunAsync(linked.Token));
                    break;
                case QueueFunction queue:
                    var options = new StorageClientOptions { MessageEncoding = app.Queues.Base64 ? Azure.Storage.Queues.QueueMessageEncoding.Base64 : Azure.Storage.Queues.QueueMessageEncoding.None };
                    var account = StorageAccount.FromConfiguration(settings, queue.Connection, options);
                    runners.Add(new QueueRunner(queue, app.Queues, account.GetQueueClient(queue.QueueName), account.GetQueueClient(StorageLayout.PoisonQueue(queue.QueueName)), invoker, log, timeProvider).RunAsync(linked.Token));
                    break;
            }
        }

        try
        {
            // Any runner ending early (the handler given up on, a bad schedule) stops the host.
            var first = await Task.WhenAny(runners);
            linked.Cancel();
            await first;
        }
        finally
        {
            linked.Cancel();
            await web.StopAsync(CancellationToken.None);
            await web.DisposeAsync();
            await Task.WhenAll(runners.Select(r => r.ContinueWith(_ => { }, TaskScheduler.Default)));
        }
    }

    private static string Describe(FunctionDefinition function) => function switch
    {
        TimerFunction t => $"{t.Name} [timer {t.Schedule}]",
        QueueFunction q => $"{q.Name} [queue {q.QueueName}]",
        HttpFunction h => $"{h.Name} [http {string.Join('|', h.Methods)} {h.Route}]",
        _ => function.Name,
    };
}
