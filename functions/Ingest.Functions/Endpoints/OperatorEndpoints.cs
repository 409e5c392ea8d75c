using System.Text.Json;
using Ingest.Core.Model;
using Ingest.Core.Monitoring;
using Ingest.Core.Reads;
using Ingest.Functions.Pages;
using Ingest.Views;
using Ingest.Views.Dashboard;
using Microsoft.Azure.Functions.Worker;

namespace Ingest.Functions.Endpoints;

/// <summary>
/// What operators and uptime checks watch:
/// <list type="table">
/// <item><term>GET /api/health</term><description>Health (anonymous), in <see cref="HealthEndpoint"/>: the process answers; 503 <c>busy</c> when it turns readers away.</description></item>
/// <item><term>GET /api/status</term><description>Status (function key in Azure): the service's state and its freshness verdict as JSON; 503 when unhealthy.</description></item>
/// <item><term>GET /api/dashboard</term><description>Dashboard (function key in Azure): the same verdict, feeds with badges, hits per day per topic, the latest events.</description></item>
/// </list>
/// Status and the dashboard are shared reads (<see cref="SharedReads"/>): one read and one document for every request
/// within a few seconds, behind the read gate.
/// </summary>
public sealed class OperatorEndpoints(StatusReader statusReader, TopicCatalog catalog, IHitReader hitReader, ViewRenderer renderer, HandlerInfo info, SharedReads reads)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>200 when healthy or degraded, 503 when unhealthy, so an availability test or any uptime checker can watch it.</summary>
    [Function("Status")]
    public async Task<IResult> StatusAsync([HttpTrigger(AuthorizationLevel.Function, "get", Route = "status")] HttpRequest request, CancellationToken cancellationToken)
    {
        var (json, statusCode) = await reads.GetAsync("status", async token =>
        {
            var status = await statusReader.ReadAsync(token);
            var document = StatusDocument.From(status, info.Version, info.StartedAt);
            return (JsonSerializer.Serialize(document, JsonOptions), status.Freshness.IsUnhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
        }, request.HttpContext.RequestAborted);
        return Results.Text(json, "application/json; charset=utf-8", System.Text.Encoding.UTF8, statusCode);
    }

    [Function("Dashboard")]
    public async Task<IResult> DashboardAsync([HttpTrigger(AuthorizationLevel.Function, "get", Route = "dashboard")] HttpRequest request, CancellationToken cancellationToken)
    {
        var (html, status) = await reads.GetAsync("dashboard", RenderDashboardAsync, request.HttpContext.RequestAborted);
        return Page.Rendered(html, status);
    }

    private async Task<(string Html, int Status)> RenderDashboardAsync(CancellationToken cancellationToken)
    {
        var status = await statusReader.ReadAsync(cancellationToken);
        if (status.StorageError is not null)
        {
            return (await renderer.RenderAsync<DashboardPage>(new Dictionary<string, object?> { [nameof(DashboardPage.Status)] = status }), StatusCodes.Status503ServiceUnavailable);
        }

        var since = new DateTimeOffset(DashboardView.FirstDay(status.GeneratedAt).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var hits = await hitReader.ReadFoundSinceAsync([.. catalog.Topics.Select(t => t.Id)], since, cancellationToken);
        return (await renderer.RenderAsync<DashboardPage>(new Dictionary<string, object?>
        {
            [nameof(DashboardPage.Status)] = status,
            [nameof(DashboardPage.Model)] = DashboardView.Build(status, catalog.Topics, hits),
        }), StatusCodes.Status200OK);
    }
}
