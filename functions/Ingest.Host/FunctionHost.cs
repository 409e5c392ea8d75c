using Ingest.Core.Model;
using Ingest.Storage;
using Ingest.Storage.Accounts;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace Ingest.Host;

/// <summary>
/// <c>ingest host</c>: the local stand-in for the Functions host. It keeps the app's isolated worker
/// running (<see cref="WorkerSupervisor"/>), asks it for its functions, fires timers, pumps queues and forwards HTTP,
/// until stopped; stopping ends the worker too.
/// </summary>
public sealed class FunctionHost(FunctionApp app, IConfiguration settings, HostLog log, TimeProvider timeProvider, int httpPort)
{
    /// <summary>How long a starting worker may take to connect and load its functions on a busy machine.</summary>
    public static readonly TimeSpan StartupWindow = TimeSpan.FromSeconds(60);

    public async Task RunAsync(CancellationToken stopping)
    {
        var environment = settings.AsEnumerable()
            .Where(s => s.Value is not null)
            .ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!);
        var supervisor = new WorkerSupervisor(app.Root, environment, log.Write, timeProvider, StartupWindow);
        var invoker = new WorkerInvoker(supervisor.CurrentAsync, (app.FunctionTimeout ?? TimeSpan.FromMinutes(30)) + TimeSpan.FromMinutes(1));

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var workers = supervisor.RunAsync(linked.Token);

        // HTTP is served from the start, so that Kestrel's own start-up overlaps the worker's instead of following it:
        // a request that comes before the worker is ready waits for it (the forwarder asks the supervisor for it).
        var web = WorkerHttpForwarder.Build(supervisor.CurrentAsync, app.RoutePrefix, log.Write, httpPort);
        IReadOnlyList<FunctionDefinition> functions;
        try
        {
            await StartAsync(web, httpPort, linked.Token);
            functions = FunctionApp.Define((await supervisor.CurrentAsync(linked.Token)).Functions, settings);
            foreach (var timer in functions.OfType<TimerFunction>())
            {
                TimerRunner.Parse(timer);
            }
        }
        catch (Exception ex)
        {
            // A port in use, a worker that cannot start, a bad schedule: nothing is left running.
            await linked.CancelAsync();
            await workers.ContinueWith(_ => { }, TaskScheduler.Default);
            await StopAsync(web);
            if (ex is WorkerUnavailableException)
            {
                throw new HostSetupException($"the worker did not start: {ex.Message}");
            }

            throw;
        }

        log.Write($"functions: {string.Join(", ", functions.Select(Describe))}; HTTP on http://localhost:{httpPort}/{app.RoutePrefix}/");

        var runners = new List<Task> { workers };
        foreach (var function in functions)
        {
            switch (function)
            {
                case TimerFunction timer:
                    runners.Add(new TimerRunner(timer, invoker, log, timeProvider).RunAsync(linked.Token));
                    break;
                case QueueFunction queue:
                    var options = new StorageClientOptions { MessageEncoding = app.Queues.Base64 ? Azure.Storage.Queues.QueueMessageEncoding.Base64 : Azure.Storage.Queues.QueueMessageEncoding.None };
                    var account = StorageAccount.FromConfiguration(settings, queue.Connection, options);
                    runners.Add(new QueueRunner(queue, app.Queues, account.GetQueueClient(queue.QueueName), account.GetQueueClient(QueueNames.Poison(queue.QueueName)), invoker, log, timeProvider).RunAsync(linked.Token));
                    break;
            }
        }

        try
        {
            // Any runner ending early (the worker given up on, a bad schedule) stops the host.
            var first = await Task.WhenAny(runners);
            await linked.CancelAsync();
            await first;
        }
        catch (WorkerUnavailableException ex)
        {
            throw new HostSetupException(ex.Message);
        }
        finally
        {
            await linked.CancelAsync();
            await StopAsync(web);
            await Task.WhenAll(runners.Select(r => r.ContinueWith(_ => { }, TaskScheduler.Default)));
        }
    }

    private static async Task StartAsync(WebApplication web, int port, CancellationToken cancellationToken)
    {
        try
        {
            await web.StartAsync(cancellationToken);
        }
        catch (IOException ex)
        {
            throw new HostSetupException($"HTTP port {port} cannot be listened on ({ex.Message}); give another with --port", badInput: true);
        }
    }

    private static async Task StopAsync(WebApplication web)
    {
        await web.StopAsync(CancellationToken.None);
        await web.DisposeAsync();
    }

    private static string Describe(FunctionDefinition function) => function switch
    {
        TimerFunction t => $"{t.Name} [timer {t.Schedule}]",
        QueueFunction q => $"{q.Name} [queue {q.QueueName}]",
        HttpFunction h => $"{h.Name} [http {string.Join('|', h.Methods)} {h.Route}]",
        _ => function.Name,
    };
}
