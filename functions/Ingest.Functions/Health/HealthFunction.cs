using Ingest.Core.Reads;
using Microsoft.Azure.Functions.Worker;

namespace Ingest.Functions.Health;

/// <summary>
/// Liveness: answers without touching storage, so an uptime check sees the process, not its dependencies. A process
/// that is up but cannot answer its readers is not healthy either: when it turned read requests away in the last
/// half minute (<see cref="ReadGate"/>), or a shared read has run for longer than a reader would wait, health says
/// <c>busy</c> with a 503, so a load balancer or an operator sees it.
/// </summary>
public sealed class HealthFunction(HandlerInfo info, ReadGate gate, SharedReads reads, ReadLimits limits, TimeProvider time)
{
    private static readonly TimeSpan ShedMemory = TimeSpan.FromSeconds(30);

    [Function("Health")]
    public IResult Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request)
    {
        var now = time.GetUtcNow();
        var reasons = new List<string>();
        if (gate.LastShedAt is { } shed && now - shed < ShedMemory)
        {
            reasons.Add($"read requests turned away at {shed:u}: more than {limits.MaxConcurrent} at once to one page");
        }

        if (reads.OldestRunningSince is { } since && now - since > limits.StuckAfter)
        {
            reasons.Add($"a read of storage has been running since {since:u}");
        }

        return Results.Json(
            new
            {
                status = reasons.Count == 0 ? "alive" : "busy",
                reasons,
                version = info.Version,
                startedAt = info.StartedAt,
                uptimeSeconds = (long)(now - info.StartedAt).TotalSeconds,
                readsInFlight = gate.InFlight,
            },
            statusCode: reasons.Count == 0 ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
