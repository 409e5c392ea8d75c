using Microsoft.Azure.Functions.Worker;
namespace Ingest.Functions.Health;

/// <summary>Liveness: answers without touching storage, so an uptime check sees the process, not its dependencies.</summary>
public sealed class HealthFunction(HandlerInfo info, TimeProvider time)
{
    [Function("Health")]
    public IResult Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request) =>
        Results.Json(new
        {
            status = "alive",
            version = info.Version,
            startedAt = info.StartedAt,
            uptimeSeconds = (long)(time.GetUtcNow() - info.StartedAt).TotalSeconds,
        });
}
