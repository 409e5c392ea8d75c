using Ingest.Core.Reads;
using Microsoft.Azure.Functions.Worker;

namespace Ingest.Functions.Endpoints;

/// <summary>
/// <c>GET /api/health</c> on its own: a function's class is built with all its dependencies at every invocation, and
/// liveness must need nothing a start-up would have to load first (the topic model, the page renderer, storage
/// clients), so the first answer after a cold start is as quick as the next one.
/// </summary>
public sealed class HealthEndpoint(HandlerInfo info, ReadGate gate, SharedReads reads, ReadLimits limits, TimeProvider time)
{
    private static readonly TimeSpan ShedMemory = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Liveness: answers without touching storage, so an uptime check sees the process, not its dependencies. A process
    /// that is up but cannot answer its readers is not healthy either: when it turned read requests away in the last
    /// half minute (<see cref="ReadGate"/>), or a shared read has run for longer than a reader would wait, health says
    /// <c>busy</c> with a 503, so a load balancer or an operator sees it.
    /// </summary>
    [Function("Health")]
    public IResult Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request)
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
