using Ingest.Storage.Stores;

namespace Ingest.Functions.Status;

/// <summary>The monitoring endpoint: per-feed polling state, hits per topic in the last 24 hours, queue depths with poison.</summary>
public static class StatusFunction
{
    public static async Task<IResult> GetAsync(PollingServices services, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            var status = await ServiceStatusReader.ReadAsync(services.Account, services.Matcher.Model.Topics.Select(t => t.Id).ToList(), time, cancellationToken);
            return Results.Json(new
            {
                generatedAt = status.GeneratedAt,
                feeds = status.Feeds.Select(f => new
                {
                    id = f.Id,
                    title = f.Title,
                    url = f.Url,
                    enabled = f.Enabled,
                    lastPolledAt = f.LastPolledAt,
                    lastStatus = f.LastStatus,
                    consecutiveFailures = f.ConsecutiveFailures,
                    lastError = f.LastError,
                    nextPollAt = f.NextPollAt,
                    articles = f.ArticleCount,
                }),
                topics = status.Topics.ToDictionary(t => t.Key, t => new
                {
                    hitsLast24Hours = t.Value.HitsLast24Hours,
                    latest = t.Value.Latest is { } latest ? new { title = latest.Title, url = latest.Url, publishedAt = latest.PublishedAt } : null,
                }),
                queues = status.Queues.ToDictionary(q => q.Key, q => new { messages = q.Value.Messages, poison = q.Value.Poison }),
                failedDeliveries = status.FailedDeliveries.Take(50).Select(d => new { subscriber = d.SubscriberId, period = d.PeriodId, at = d.UpdatedAt, error = d.Error }),
            });
        }
        catch (Azure.RequestFailedException ex)
        {
            return Results.Json(new { error = $"storage did not answer: {ex.Message.Split('\n')[0]}" }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
