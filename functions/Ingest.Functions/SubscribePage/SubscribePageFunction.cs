using Ingest.Core.Model;
using Microsoft.Azure.Functions.Worker;
using Ingest.Core.Topics;
using Ingest.Functions.Pages;
using Ingest.Views.Subscribe;

namespace Ingest.Functions.SubscribePage;

/// <summary>
/// <c>GET /api/subscribe</c>: the subscribe form. Its script posts JSON to <c>/api/subscriptions</c> and puts each
/// error beside its field; without script the form posts itself and the answer is a page.
/// </summary>
public sealed class SubscribePageFunction(TopicCatalog catalog)
{
    [Function("SubscribePage")]
    public IResult Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "subscribe")] HttpRequest request) =>
        Page.Show<Views.Subscribe.SubscribePage>(new SubscriptionFormView(catalog.Topics, SubscriptionValues.Defaults, new Dictionary<string, string>()));
}
