using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Ingest.BareWorker;

/// <summary>The one function: answers as Ingest's liveness does, a small JSON body, without any dependency.</summary>
public static class Health
{
    [Function("Health")]
    public static IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request) =>
        Results.Json(new { status = "alive" });
}
