using Microsoft.Azure.Functions.Worker;
using Ingest.Storage.Accounts;
using System.Globalization;
using System.Net;
using System.Text;
using Ingest.Core.Digests;
using Ingest.Core.Polling;
using Ingest.Functions.Pages;
using Ingest.Storage;
using Ingest.Storage.Stores;

namespace Ingest.Functions.Dashboard;

/// <summary>
/// <c>GET /api/dashboard</c> (function key in Azure, like status): the freshness verdict, each feed with a health
/// badge, hits per day per topic over two weeks, and the latest hits with their matched terms marked.
/// </summary>
public sealed class DashboardFunction(StorageAccount account, Ingest.Core.Topics.TopicMatcher matcher, Ingest.Core.Digests.IHitReader hitReader, TimeProvider time)
{
    public const int ChartDays = 14;
    public const int LatestHits = 20;

    [Function("Dashboard")]
    public async Task<IResult> GetAsync([HttpTrigger(AuthorizationLevel.Function, "get", Route = "dashboard")] HttpRequest request, CancellationToken cancellationToken)
    {
        var topics = matcher.Model.Topics;
        var status = await ServiceStatusReader.ReadAsync(account, topics.Select(t => t.Id).ToList(), time, cancellationToken);
        var html = new StringBuilder();
        AppendFreshness(html, status);
        if (status.StorageError is not null)
        {
            return Page.Html("Ingest dashboard", html.ToString(), StatusCodes.Status503ServiceUnavailable, bodyClass: "wide");
        }

        var today = DateOnly.FromDateTime(status.GeneratedAt.UtcDateTime);
        var firstDay = today.AddDays(1 - ChartDays);
        var hits = await hitReader.ReadAsync(topics.Select(t => t.Id).ToList(), new DateTimeOffset(firstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), status.GeneratedAt, 0, cancellationToken);

        AppendFeeds(html, status);
        html.Append(CultureInfo.InvariantCulture, $"<h2>Hits per day, last {ChartDays} days (UTC)</h2><div class=\"charts\">");
        var counts = hits.CountBy(h => (h.TopicId, DateOnly.FromDateTime(h.PublishedAt.UtcDateTime))).ToDictionary();
        foreach (var topic in topics)
        {
            var perDay = Enumerable.Range(0, ChartDays)
                .Select(i => firstDay.AddDays(i))
                .Select(day => (day, counts.GetValueOrDefault((topic.Id, day))))
                .ToList();
            html.Append(CultureInfo.InvariantCulture, $"<figure class=\"chart\" id=\"chart-{E(topic.Id)}\"><figcaption>{E(topic.Title)}</figcaption>{HitChart.Svg(topic.Title, perDay)}</figure>");
        }

        html.Append("</div>");
        AppendLatest(html, hits, topics.ToDictionary(t => t.Id, t => t.ShortName));
        return Page.Html("Ingest dashboard", html.ToString(), bodyClass: "wide");
    }

    private static void AppendFreshness(StringBuilder html, ServiceStatus status)
    {
        html.Append(CultureInfo.InvariantCulture, $"<p>Status <span class=\"badge {status.Freshness.Status}\" id=\"freshness\">{status.Freshness.Status}</span> at {status.GeneratedAt:yyyy-MM-dd HH:mm} UTC.</p>");
        if (status.Freshness.Reasons.Count > 0)
        {
            html.Append("<ul id=\"reasons\">").Append(string.Concat(status.Freshness.Reasons.Select(r => $"<li>{E(r)}</li>"))).Append("</ul>");
        }
    }

    private static void AppendFeeds(StringBuilder html, ServiceStatus status)
    {
        var dayAgo = status.GeneratedAt - TimeSpan.FromDays(1);
        html.Append("<h2>Feeds</h2><table id=\"feeds\"><thead><tr><th>Feed</th><th>Health</th><th>Last poll</th><th>New in 24 h</th><th>Last new item</th><th>Next poll</th></tr></thead><tbody>");
        foreach (var feed in status.Feeds)
        {
            var (badge, label) = feed switch
            {
                { Enabled: false } => ("disabled", "disabled"),
                { ConsecutiveFailures: > 0 } => ("failing", $"failing ×{feed.ConsecutiveFailures}"),
                { LastPolledAt: null } => ("waiting", "not polled yet"),
                _ => ("ok", "ok"),
            };
            var error = feed.LastError is { Length: > 0 } e ? $"<br><small>{E(e)}</small>" : "";
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(feed.Title ?? feed.Id)}<br><small>{E(feed.Id)}</small></td>")
                .Append(CultureInfo.InvariantCulture, $"<td><span class=\"badge {badge}\">{E(label)}</span>{error}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{When(feed.LastPolledAt)}</td><td>{ArrivalLog.Parse(feed.Arrivals).CountSince(dayAgo)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{When(feed.LastNewArticleAt)}</td><td>{When(feed.NextPollAt)}</td></tr>");
        }

        html.Append("</tbody></table>");
        var queues = string.Join(" · ", status.Queues.Select(q => $"{q.Key} {q.Value.Messages} (poison {q.Value.Poison})"));
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"hint\">Queues: {E(queues)}. Digests and alerts in 24 h: {status.Digests.SentLast24Hours} sent, {status.Digests.FailedLast24Hours} failed.</p>");
    }

    private static void AppendLatest(StringBuilder html, IReadOnlyList<StoredHit> hits, Dictionary<string, string> topicNames)
    {
        html.Append("<h2>Latest hits</h2>");
        var latest = hits.GroupBy(h => h.ArticleKey).Select(g => (Hit: g.MaxBy(h => h.Score)!, Topics: g.Select(h => topicNames.GetValueOrDefault(h.TopicId, h.TopicId)).Distinct().ToList()))
            .OrderByDescending(a => a.Hit.PublishedAt).Take(LatestHits).ToList();
        if (latest.Count == 0)
        {
            html.Append("<p>No hits in the last two weeks.</p>");
            return;
        }

        html.Append("<ol class=\"hits\" id=\"latest\">");
        foreach (var (hit, topics) in latest)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li><a href=\"{E(SnippetHtml.SafeLink(hit.Url))}\" rel=\"noopener noreferrer\">{E(hit.Title)}</a>")
                .Append(CultureInfo.InvariantCulture, $"<div class=\"meta\">{E(hit.FeedId)} · {hit.PublishedAt:yyyy-MM-dd HH:mm} UTC · {E(string.Join(", ", topics))} · score {hit.Score.ToString("0.#", CultureInfo.InvariantCulture)}</div>");
            if (!string.IsNullOrEmpty(hit.Snippet))
            {
                html.Append("<p>").Append(SnippetHtml.Highlight(hit.Snippet, hit.Highlights, hit.Matched, "mark")).Append("</p>");
            }

            html.Append(CultureInfo.InvariantCulture, $"<div class=\"meta\">Matched: {E(string.Join(", ", hit.Matched.Select(m => m.Count > 1 ? $"{m.Term} ×{m.Count}" : m.Term)))}</div></li>");
        }

        html.Append("</ol>");
    }

    private static string When(DateTimeOffset? time) => time is { } t ? t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "—";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
