using Ingest.Core.Model;
using Microsoft.Azure.Functions.Worker;

namespace Ingest.Functions.Topics;

/// <summary><c>GET /api/topics</c>: the topics one can subscribe to, as the subscribe form and API users see them.</summary>
public sealed class TopicsFunction(TopicCatalog catalog)
{
    [Function("Topics")]
    public IResult Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "topics")] HttpRequest request) =>
        Results.Json(new
        {
            version = catalog.Version,
            topics = catalog.Topics.Select(t => new { id = t.Id, title = t.Title, label = t.ShortName, description = t.Description }),
        });
}
