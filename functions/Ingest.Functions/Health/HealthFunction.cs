namespace Ingest.Functions.Health;

/// <summary>Liveness: answers without touching storage, so an uptime check sees the process, not its dependencies.</summary>
public static class HealthFunction
{
    public static IResult Get(HandlerInfo info, TimeProvider time) =>
        Results.Json(new
        {
            status = "alive",
            version = info.Version,
            startedAt = info.StartedAt,
            uptimeSeconds = (long)(time.GetUtcNow() - info.StartedAt).TotalSeconds,
        });
}
