using Ingest.Core.Model;
using Ingest.Storage;
using Ingest.Storage.Accounts;
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
        IReadOnlyList<FunctionDefinition> functions;
        try
        {
            functions = FunctionApp.Define((await supervisor.CurrentAsync(linked.Token)).Functions, settings);
            foreach (var timer in functions.OfType<TimerFunction>())
            {
                TimerRunner.Parse(timer);
            }
        }
        catch (Exception ex) when (ex is WorkerUnavailableException or HostSetupException)
        {
            await linked.CancelAsync();
            await workers.ContinueWith(_ => { }, TaskScheduler.Default);
            throw ex as HostSetupException ?? new HostSetupException($"the worker did not start: {ex.Message}");
        }

        var web = WorkerHttpForwarder.Build(supervisor.CurrentAsync, app.RoutePrefix, log.Write, httpPort);
        await web.StartAsync(linked.Token);
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
