using Ingest.Core.Monitoring;
using System.Text.Json;
using Ingest.Core.Reads;
using Ingest.Functions.Http;
using Microsoft.Azure.Functions.Worker;
using Ingest.Core.Polling;
using Ingest.Core.Model;

namespace Ingest.Functions.Status;

/// <summary>
/// <c>GET /api/status</c> (function key in Azure): the service's state and its freshness verdict. 200 when healthy
/// or degraded, 503 when unhealthy, so an availability test or any uptime checker can watch it.
/// </summary>
public sealed class StatusFunction(StatusReader reader, HandlerInfo info, SharedReads reads)
{
    [Function("Status")]
    public async Task<IResult> GetAsync([HttpTrigger(AuthorizationLevel.Function, "get", Route = "status")] HttpRequest request, CancellationToken cancellationToken)
    {
        // One read and one document for every request within a few seconds (SharedReads).
        var (json, statusCode) = await reads.GetAsync("status", ReadAsync, request.HttpContext.RequestAborted);
        return Results.Text(json, "application/json; charset=utf-8", System.Text.Encoding.UTF8, statusCode);
    }

    private async Task<(string Json, int StatusCode)> ReadAsync(CancellationToken cancellationToken)
    {
        var status = await reader.ReadAsync(cancellationToken);
        var dayAgo = status.GeneratedAt - TimeSpan.FromDays(1);
        var document =
            new
            {
                status = status.Freshness.Status,
                reasons = status.Freshness.Reasons,
                version = info.Version,
                startedAt = info.StartedAt,
                generatedAt = status.GeneratedAt,
                storage = new { reachable = status.StorageError is null, error = status.StorageError },
                feeds = status.Feeds.Select(f => new
                {
                    id = f.Id,
                    title = f.Title,
                    url = f.Url,
                    enabled = f.Enabled,
                    verified = f.VerifiedAt is not null,
                    verifiedAt = f.VerifiedAt,
                    lastPolledAt = f.LastPolledAt,
                    lastStatus = f.LastStatus,
                    consecutiveFailures = f.ConsecutiveFailures,
                    lastError = f.LastError,
                    nextPollAt = f.NextPollAt,
                    itemsLast24Hours = ArrivalLog.Parse(f.Arrivals).CountSince(dayAgo),
                    lastNewItemAt = f.LastNewArticleAt,
                    articles = f.ArticleCount,
                }),
                topics = status.Topics.ToDictionary(t => t.Key, t => new
                {
                    hitsLast24Hours = t.Value.HitsLast24Hours,
                    hitsLast7Days = t.Value.HitsLast7Days,
                    lastHitAt = t.Value.Latest?.PublishedAt,
                    latest = t.Value.Latest is { } latest ? new { title = latest.Title, url = latest.Url } : null,
                    spiking = t.Value.Spikes.Any(s => s.IsOpen),
                    spikes = t.Value.Spikes.Where(s => s.StartedAt >= status.GeneratedAt.AddDays(-7)).Select(s => new { startedAt = s.StartedAt, endedAt = s.EndedAt, peak = s.Peak, usual = s.Mean, stories = s.StoryIds.Count }),
                }),
                queues = status.Queues.ToDictionary(q => q.Key, q => new { messages = q.Value.Messages, poison = q.Value.Poison }),
                digests = new
                {
                    lastScheduleRun = status.Digests.LastScheduleRun,
                    sentLast24Hours = status.Digests.SentLast24Hours,
                    failedLast24Hours = status.Digests.FailedLast24Hours,
                    failedDeliveries = status.Digests.Failed.Take(50).Select(d => new { subscriber = d.SubscriberId, period = d.PeriodId, at = d.UpdatedAt, error = d.Error }),
                },
                timers = status.Timers.ToDictionary(t => t.Key, t => new
                {
                    lastRunAt = t.Value.At,
                    summary = t.Value.Summary,
                    lastFailedAt = t.Value.LastFailedAt,
                    lastFailure = t.Value.LastFailure,
                    failedRuns = t.Value.FailedRuns,
                }),
            };
        return (JsonSerializer.Serialize(document, JsonOptions), status.Freshness.IsUnhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}
