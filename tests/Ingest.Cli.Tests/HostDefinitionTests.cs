using Ingest.Cli.Hosting;
using Ingest.Testing;
using Microsoft.Extensions.Configuration;

namespace Ingest.Cli.Tests;

/// <summary><c>ingest host</c> reads the app's own host.json and function.json files: nothing is declared twice.</summary>
public sealed class HostDefinitionTests
{
    private static readonly string AppFolder = Path.GetDirectoryName(BuiltProject.Assembly("Ingest.Functions"))!;

    [Fact]
    public void The_built_app_declares_its_functions_and_queue_settings_in_its_own_files()
    {
        var app = FunctionApp.Load(AppFolder, Settings(("PollSchedule", "0 */10 * * * *"), ("DigestSchedule", "0 5 * * * *")));

        Assert.Equal(Path.Combine(AppFolder, "Ingest.Functions"), app.Handler.ExecutablePath);
        Assert.Equal(new QueueSettings(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30), 16, 8 * Environment.ProcessorCount, 5, true), app.Queues);
        Assert.Equal("api", app.RoutePrefix);
        Assert.Contains(new TimerFunction("PollFeeds", "timer", "0 */10 * * * *", false), app.Functions);
        Assert.Contains(new QueueFunction("PollFeed", "message", "feed-polls", "AzureWebJobsStorage"), app.Functions);
        Assert.Contains(new TimerFunction("ScheduleDigests", "timer", "0 5 * * * *", false), app.Functions);
        Assert.Contains(new QueueFunction("SendDigest", "message", "digests", "AzureWebJobsStorage"), app.Functions);
        Assert.Contains(new QueueFunction("SendEmail", "message", "emails", "AzureWebJobsStorage"), app.Functions);
        Assert.Contains(app.Functions, f => f is HttpFunction { Name: "Unsubscribe", Route: "subscriptions/unsubscribe", Methods: ["GET", "POST"] });
        Assert.Contains(app.Functions, f => f is HttpFunction { Name: "Status", Route: "status", Forwarded: true });
        Assert.Contains(app.Functions, f => f is HttpFunction { Name: "Health", Route: "health", Forwarded: true });
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
    public void A_schedule_naming_a_missing_setting_is_refused_with_its_name()
    {
        var error = Assert.Throws<CliException>(() => FunctionApp.Load(AppFolder, Settings()));

        Assert.Contains("PollSchedule", error.Message);
        Assert.Contains("function.json", error.Message);
    }

    [Fact]
    public void A_folder_without_host_json_is_not_a_function_app()
    {
        var error = Assert.Throws<CliException>(() => FunctionApp.Load(Path.GetTempPath(), Settings()));

        Assert.Contains("has no host.json", error.Message);
    }

    [Theory]
    [InlineData("every minute")]
    [InlineData("0 0 25 * * *")]
    public void A_bad_schedule_is_refused_before_the_host_starts(string schedule)
    {
        var error = Assert.Throws<CliException>(() => TimerRunner.Parse(new TimerFunction("PollFeeds", "timer", schedule, false)));

        Assert.Contains("NCRONTAB", error.Message);
    }

    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key.Replace("__", ":"), v.Value))).Build();
}
