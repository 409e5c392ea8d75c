using System.Net;
using System.Text.Json;
using Ingest.Core.Model;
using Ingest.Core.Polling;
using Ingest.Storage;
using Ingest.Storage.Accounts;
using Ingest.Storage.Stores;
using Ingest.Testing;

namespace Ingest.Functions.Tests;

/// <summary>
/// <c>/api/status</c> from the app's worker over a private Azurite seeded with the conditions behind each
/// freshness state: 200 for healthy and degraded, 503 for unhealthy, with the reasons spelled out.
/// </summary>
public sealed class StatusTests
{
    [Theory]
    [InlineData("all feeds fresh", "healthy", HttpStatusCode.OK, null)]
    [InlineData("two of five feeds failing", "degraded", HttpStatusCode.OK, "2 of 5 feeds failed their last poll")]
    [InlineData("nothing new for seven hours", "degraded", HttpStatusCode.OK, "no new article since")]
    [InlineData("a poll in the poison queue", "unhealthy", HttpStatusCode.ServiceUnavailable, "1 message(s) in feed-polls-poison")]
    public async Task Seeded_conditions_give_each_freshness_state_and_its_http_status(string condition, string state, HttpStatusCode code, string? reason)
    {
        using var azurite = await AzuriteServer.StartPrivateAsync();
        var account = StorageAccount.FromConnectionString(azurite.ConnectionString);
        await StorageLayout.EnsureCreatedAsync(account);
        var now = DateTimeOffset.UtcNow;
        var lastNew = condition == "nothing new for seven hours" ? now.AddHours(-7) : now.AddMinutes(-20);
        var feeds = new FeedTable(account.GetTableClient(StorageLayout.Feeds));
        for (var i = 0; i < 5; i++)
        {
            var failing = condition == "two of five feeds failing" && i < 2;
            await feeds.SavePollStateAsync(new FeedRecord($"feed-{i}", $"https://news{i}.example.org/rss", LastPolledAt: now.AddMinutes(-10),
                LastStatus: failing ? PollStatus.Failed : PollStatus.Ok, ConsecutiveFailures: failing ? 3 : 0, LastError: failing ? "502 Bad Gateway" : null,
                LastNewArticleAt: lastNew, Arrivals: ArrivalLog.Empty.Add(lastNew, 4)), CancellationToken.None);
        }

        if (condition == "a poll in the poison queue")
        {
            await account.GetQueueClient(QueueNames.Poison(QueueNames.FeedPolls)).SendMessageAsync(QueueJson.Write(new PollRequest("feed-0", now)));
        }

        var folder = Directory.CreateTempSubdirectory("ingest-status-").FullName;
        var catalogue = Path.Combine(folder, "feeds.json");
        await File.WriteAllTextAsync(catalogue, JsonSerializer.Serialize(new { feeds = Enumerable.Range(0, 5).Select(i => new { id = $"feed-{i}", url = $"https://news{i}.example.org/rss" }) }));
        var settings = AppWorker.Settings(azurite.ConnectionString);
        settings["FeedsPath"] = catalogue;
        await using var app = await AppWorker.StartAsync(settings);
        await WaitForAsync(() => app.Log.Any(line => line.Contains("Feed catalogue", StringComparison.Ordinal) && line.Contains(": 0 added", StringComparison.Ordinal)), app);
        using var http = new HttpClient { BaseAddress = app.BaseAddress };

        var response = await http.GetAsync("/api/status");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(code, response.StatusCode);
        var root = body.RootElement;
        Assert.Equal(state, root.GetProperty("status").GetString());
        var reasons = root.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!).ToList();
        if (reason is null)
        {
            Assert.Empty(reasons);
        }
        else
        {
            Assert.Contains(reasons, r => r.StartsWith(reason, StringComparison.Ordinal));
        }

        Assert.True(root.GetProperty("storage").GetProperty("reachable").GetBoolean());
        var feed = root.GetProperty("feeds")[4];
        Assert.Equal(4, feed.GetProperty("itemsLast24Hours").GetInt32());
        Assert.Equal(lastNew.ToUnixTimeSeconds(), feed.GetProperty("lastNewItemAt").GetDateTimeOffset().ToUnixTimeSeconds());
        Assert.Equal(condition == "a poll in the poison queue" ? 1 : 0, root.GetProperty("queues").GetProperty("feed-polls").GetProperty("poison").GetInt32());
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Hits_count_by_when_they_were_found_and_the_start_time_is_the_process_start()
    {
        using var azurite = await AzuriteServer.StartPrivateAsync();
        var account = StorageAccount.FromConnectionString(azurite.ConnectionString);
        await StorageLayout.EnsureCreatedAsync(account);
        var now = DateTimeOffset.UtcNow;
        StoredHit Hit(string key, DateTimeOffset published, DateTimeOffset? found) =>
            new("kfor", key, $"KFOR story {key}", $"https://news.example.org/{key}", "wire", published, 6, [new Ingest.Core.Topics.MatchedTerm("KFOR", 1)], "KFOR patrols.", FoundAt: found);
        await new ArticleTable(account.GetTableClient(StorageLayout.Articles), account.GetTableClient(StorageLayout.Hits)).SaveAsync(
            [],
            [
                Hit("a1", now.AddDays(-30), now.AddMinutes(-5)), // a month-old article polled just now: news today
                Hit("a2", now.AddDays(-40), now.AddDays(-3)),    // found three days ago
                Hit("a3", now.AddDays(-50), now.AddDays(-20)),   // found long ago
            ],
            CancellationToken.None);

        var settings = AppWorker.Settings(azurite.ConnectionString);
        settings["FeedsPath"] = Path.Combine(RepositoryRoot.Path, "seeds", "samples", "feeds.json");
        await using var app = await AppWorker.StartAsync(settings);
        var beforeFirstRequest = DateTimeOffset.UtcNow;
        using var http = new HttpClient { BaseAddress = app.BaseAddress };

        using var health = JsonDocument.Parse(await http.GetStringAsync("/api/health"));
        using var status = JsonDocument.Parse(await (await http.GetAsync("/api/status")).Content.ReadAsStringAsync());

        Assert.True(health.RootElement.GetProperty("startedAt").GetDateTimeOffset() < beforeFirstRequest, "startedAt is the first request's time");
        Assert.True(health.RootElement.GetProperty("uptimeSeconds").GetInt64() >= 0);
        var kfor = status.RootElement.GetProperty("topics").GetProperty("kfor");
        Assert.Equal(1, kfor.GetProperty("hitsLast24Hours").GetInt32());
        Assert.Equal(2, kfor.GetProperty("hitsLast7Days").GetInt32());
    }

    private static async Task WaitForAsync(Func<bool> condition, AppWorker app)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the catalogue import did not finish within 60 s:\n" + string.Join('\n', app.Log));
            await Task.Delay(100);
        }
    }
}
