using Azure.Storage.Queues.Models;

namespace Ingest.Cli.Hosting;

/// <summary>
/// How the host's timers and queue pollers hand an invocation to the app, whichever way the app runs: a custom
/// handler over HTTP (<see cref="FunctionInvoker"/>) or a .NET isolated worker over gRPC (<see cref="WorkerInvoker"/>).
/// </summary>
public interface IFunctionInvoker
{
    Task<InvocationResult> InvokeTimerAsync(TimerFunction function, TimerStatus? status, bool isPastDue, CancellationToken cancellationToken);

    Task<InvocationResult> InvokeQueueAsync(QueueFunction function, QueueMessage message, CancellationToken cancellationToken);
}
