using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Azure.Storage.Queues.Models;
using Ingest.Host.Rpc;

namespace Ingest.Host;

/// <summary>
/// Invocations for a .NET isolated worker (the host ↔ worker gRPC protocol): the trigger's value as the invocation's
/// input, the queue message's facts as trigger metadata, the answer's status as the outcome. The worker's own log
/// lines reach the host's log through its <see cref="WorkerHost"/>. Dates go as the host writes them: to the second, UTC.
/// </summary>
public sealed class WorkerInvoker(Func<CancellationToken, Task<WorkerHost>> worker, TimeSpan timeout)
{
    /// <summary>The worker's <c>TimerInfo</c>: the schedule, its status when the timer is monitored, and whether the run is late.</summary>
    public Task<InvocationResult> InvokeTimerAsync(TimerFunction function, TimerStatus? status, bool isPastDue, CancellationToken cancellationToken)
    {
        var timer = new System.Text.Json.Nodes.JsonObject
        {
            ["Schedule"] = new System.Text.Json.Nodes.JsonObject { ["AdjustForDST"] = true },
            ["ScheduleStatus"] = status is null ? null : new System.Text.Json.Nodes.JsonObject
            {
                ["Last"] = Date(status.Last),
                ["Next"] = Date(status.Next),
                ["LastUpdated"] = Date(status.LastUpdated),
            },
            ["IsPastDue"] = isPastDue,
        };
        return InvokeAsync(function.Name, new TypedData { Json = timer.ToJsonString() }, new Dictionary<string, TypedData>(), cancellationToken);
    }

    public Task<InvocationResult> InvokeQueueAsync(QueueFunction function, QueueMessage message, CancellationToken cancellationToken) =>
        InvokeAsync(function.Name, new TypedData { String = message.MessageText }, new Dictionary<string, TypedData>
        {
            ["QueueTrigger"] = new() { String = message.MessageText },
            ["DequeueCount"] = new() { Json = message.DequeueCount.ToString(CultureInfo.InvariantCulture) },
            ["Id"] = Json(message.MessageId),
            ["PopReceipt"] = Json(message.PopReceipt),
            ["InsertionTime"] = Json(Date(message.InsertedOn)),
            ["ExpirationTime"] = Json(Date(message.ExpiresOn)),
            ["NextVisibleTime"] = Json(Date(message.NextVisibleOn)),
        }, cancellationToken);

    private async Task<InvocationResult> InvokeAsync(string functionName, TypedData trigger, IReadOnlyDictionary<string, TypedData> metadata, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            var host = await worker(deadline.Token);
            var function = host.Functions.FirstOrDefault(f => f.Name == functionName)
                ?? throw new WorkerUnavailableException($"the worker has no function {functionName}");
            var answer = await host.InvokeAsync(function, [new ParameterBinding { Name = function.TriggerName, Data = trigger }], metadata, Guid.NewGuid().ToString(), deadline.Token);
            return answer.Result.Status == StatusResult.Types.Status.Success
                ? new InvocationResult(true, clock.Elapsed)
                : new InvocationResult(false, clock.Elapsed, $"{answer.Result.Exception?.Type}: {answer.Result.Exception?.Message ?? answer.Result.Result}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new InvocationResult(false, clock.Elapsed, $"timed out after {timeout}");
        }
        catch (WorkerUnavailableException ex)
        {
            return new InvocationResult(false, clock.Elapsed, $"worker unavailable: {ex.Message}");
        }
    }

    private static TypedData Json(string? text) => new() { Json = JsonSerializer.Serialize(text) };

    private static string? Date(DateTimeOffset? time) => time?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);
}
