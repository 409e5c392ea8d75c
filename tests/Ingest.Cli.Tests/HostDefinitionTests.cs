using Ingest.Host;
using Ingest.Testing;
using Microsoft.Extensions.Configuration;

namespace Ingest.Cli.Tests;

/// <summary>
/// <c>ingest host</c> reads host.json from the app folder and the functions from the app's own worker (worker
/// indexing): nothing is declared twice.
/// </summary>
public sealed class HostDefinitionTests
{
    private static readonly string AppFolder = AppWorker.Directory;

    [Fact]
    public async Task The_worker_declares_its_functions_and_host_json_its_queue_settings()
    {
        var settings = Settings(("PollSchedule", "0 */10 * * * *"), ("DigestSchedule", "0 5 * * * *"));
        var app = FunctionApp.Load(AppFolder, settings);
        await using var worker = await AppWorker.StartAsync(AppWorker.Settings());

        var functions = FunctionApp.Define(worker.Worker.Functions, settings);

        Assert.Equal(new QueueSettings(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 16, 16, 5, true), app.Queues);
        Assert.Equal("api", app.RoutePrefix);
        Assert.Contains(new TimerFunction("PollFeeds", "timer", "0 */10 * * * *", false), functions);
        Assert.Contains(new QueueFunction("PollFeed", "request", "feed-polls", "AzureWebJobsStorage"), functions);
        Assert.Contains(new TimerFunction("ScheduleDigests", "timer", "0 5 * * * *", false), functions);
        Assert.Contains(new QueueFunction("SendDigest", "period", "digests", "AzureWebJobsStorage"), functions);
        Assert.Contains(new QueueFunction("SendEmail", "mail", "emails", "AzureWebJobsStorage"), functions);
        Assert.Contains(new QueueFunction("ProcessSubscription", "request", "subscription-requests", "AzureWebJobsStorage"), functions);
        Assert.Contains(functions, f => f is HttpFunction { Name: "Unsubscribe", Route: "subscriptions/unsubscribe", Methods: ["GET", "POST"] });
        Assert.Contains(functions, f => f is HttpFunction { Name: "Status", Route: "status" });
        Assert.Contains(functions, f => f is HttpFunction { Name: "Health", Route: "health" });
        Assert.Contains(new TimerFunction("WatchSpikes", "timer", "0 */5 * * * *", false), functions);
        Assert.Contains(new TimerFunction("ReportStatus", "timer", "30 */5 * * * *", false), functions);
        Assert.Contains(new QueueFunction("SendBreaking", "spike", "breaking", "AzureWebJobsStorage"), functions);
        Assert.Contains(new QueueFunction("SendAlert", "batch", "alerts", "AzureWebJobsStorage"), functions);
        Assert.Contains(functions, f => f is HttpFunction { Name: "TopicFeed", Route: "topics/{id}/feed" });
        Assert.Contains(functions, f => f is HttpFunction { Name: "SubscriberFeed", Route: "subscriptions/feed" });
        Assert.Contains(functions, f => f is HttpFunction { Name: "TopicJsonFeed", Route: "topics/{id}/feed.json" });
        Assert.Contains(functions, f => f is HttpFunction { Name: "SubscriberJsonFeed", Route: "subscriptions/feed.json" });
        Assert.Contains(functions, f => f is HttpFunction { Name: "FeedsOpml", Route: "feeds.opml" });
        Assert.Contains(functions, f => f is HttpFunction { Name: "ApiHits", Route: "hits" });
        Assert.Contains(functions, f => f is HttpFunction { Name: "ApiStories", Route: "stories" });
        Assert.Contains(functions, f => f is HttpFunction { Name: "ApiDescription", Route: "openapi.json" });
        Assert.Equal(28, functions.Count);

        var missing = Assert.Throws<HostSetupException>(() => FunctionApp.Define(worker.Worker.Functions, Settings(("DigestSchedule", "0 5 * * * *"))));
        Assert.Contains("PollFeeds: the schedule names app setting PollSchedule, which is not set", missing.Message);
    }

    [Fact]
    public void The_dispatcher_packs_poll_messages_for_the_queue_slots_host_json_gives()
    {
        var queues = FunctionApp.Load(AppFolder, Settings(("PollSchedule", "0 */10 * * * *"), ("DigestSchedule", "0 5 * * * *"))).Queues;

        Assert.Equal(Ingest.Core.Polling.PollMessages.QueueSlots, queues.BatchSize + queues.NewBatchThreshold);
    }

    [Fact]
    public void App_settings_override_host_json_as_they_do_in_Azure()
    {
        var app = FunctionApp.Load(AppFolder, Settings(
            ("PollSchedule", "*/5 * * * * *"),
            ("DigestSchedule", "0 5 * * * *"),
            ("AzureFunctionsJobHost__extensions__queues__visibilityTimeout", "00:00:00"),
            ("AzureFunctionsJobHost__extensions__queues__maxDequeueCount", "2")));

        Assert.Equal(TimeSpan.Zero, app.Queues.VisibilityTimeout);
        Assert.Equal(2, app.Queues.MaxDequeueCount);
    }

    [Fact]
    public void A_folder_without_host_json_is_not_a_function_app()
    {
        var error = Assert.Throws<HostSetupException>(() => FunctionApp.Load(Path.GetTempPath(), Settings()));

        Assert.Contains("has no host.json", error.Message);
    }

    [Theory]
    [InlineData("every minute")]
    [InlineData("0 0 25 * * *")]
    public void A_bad_schedule_is_refused_before_the_host_starts(string schedule)
    {
        var error = Assert.Throws<HostSetupException>(() => TimerRunner.Parse(new TimerFunction("PollFeeds", "timer", schedule, false)));

        Assert.Contains("NCRONTAB", error.Message);
    }

    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key.Replace("__", ":"), v.Value))).Build();
}
