using Ingest.Core.Monitoring;
using Ingest.Core.Model;
using Microsoft.Azure.Functions.Worker;
using Ingest.Core.Deliveries;
using Ingest.Core.Topics;
using Ingest.Core.Reads;
using Ingest.Functions.Http;
using Ingest.Functions.Pages;
using Ingest.Views;
using Ingest.Views.Dashboard;

namespace Ingest.Functions.Dashboard;

/// <summary>
/// <c>GET /api/dashboard</c> (function key in Azure, like status): the freshness verdict, each feed with a health
/// badge, hits found per day per topic over two weeks, and the latest hits with their matched terms marked.
/// </summary>
public sealed class DashboardFunction(StatusReader statusReader, TopicCatalog catalog, IHitReader hitReader, ViewRenderer renderer, SharedReads reads)
{
    [Function("Dashboard")]
    public async Task<IResult> GetAsync([HttpTrigger(AuthorizationLevel.Function, "get", Route = "dashboard")] HttpRequest request, CancellationToken cancellationToken)
    {
        // One read and one rendering for every request within a few seconds (SharedReads): the page is the same for all.
        var (html, status) = await reads.GetAsync("dashboard", RenderAsync, request.HttpContext.RequestAborted);
        return Page.Rendered(html, status);
    }

    private async Task<(string Html, int Status)> RenderAsync(CancellationToken cancellationToken)
    {
        var topics = catalog.Topics;
        var topicIds = topics.Select(t => t.Id).ToList();
        var status = await statusReader.ReadAsync(cancellationToken);
        if (status.StorageError is not null)
        {
            return (await renderer.RenderAsync<DashboardPage>(new Dictionary<string, object?> { [nameof(DashboardPage.Status)] = status }), StatusCodes.Status503ServiceUnavailable);
        }

        var since = new DateTimeOffset(DashboardView.FirstDay(status.GeneratedAt).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var hits = await hitReader.ReadFoundSinceAsync(topicIds, since, cancellationToken);
        return (await renderer.RenderAsync<DashboardPage>(new Dictionary<string, object?>
        {
            [nameof(DashboardPage.Status)] = status,
            [nameof(DashboardPage.Model)] = DashboardView.Build(status, topics, hits),
        }), StatusCodes.Status200OK);
    }
}
