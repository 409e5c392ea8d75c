using Ingest.Core.Model;
using Ingest.Storage;
using Ingest.Testing;

namespace Ingest.Cli.Tests;

public sealed class StorageCommandTests(StorageFixture storage) : IClassFixture<StorageFixture>
{
    [Fact]
    public async Task Init_creates_every_table_and_queue_and_status_then_reports_them()
    {
        var settings = CliRunner.SettingsFile(("AzureWebJobsStorage", storage.Server.ConnectionString));

        var init = await CliRunner.RunAsync("storage", "init", "--settings", settings);
        var again = await CliRunner.RunAsync("storage", "init", "--settings", settings);
        await storage.Account.GetQueueClient(QueueNames.FeedPolls).SendMessageAsync("{}");
        var status = await CliRunner.RunAsync("status", "--settings", settings);

        Assert.Equal(ExitCodes.Success, init.ExitCode);
        Assert.Contains("already has every table and queue", again.Output);
        Assert.Equal(ExitCodes.Success, status.ExitCode);
        foreach (var table in StorageLayout.Tables)
        {
            Assert.Matches($@"(?m)^  {table}\s+ok$", status.Output);
        }

        Assert.Matches(@"(?m)^  feed-polls\s+\d+ messages, 0 poison$", status.Output);
        Assert.DoesNotContain("missing", status.Output);
        Assert.True(await storage.Account.GetQueueClient("feed-polls-poison").ApproximateCountAsync() == 0);
    }

    [Fact]
    public async Task Status_against_a_stopped_storage_service_fails_with_one_line_naming_the_endpoint()
    {
        var port = LoopbackPort.GetUnused();
        var settings = CliRunner.SettingsFile(("AzureWebJobsStorage",
            $"AccountName=devstoreaccount1;AccountKey={Ingest.Storage.Accounts.StorageAccount.DevelopmentAccountKey};" +
            $"TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{port}/devstoreaccount1"));

        var (exitCode, _, error) = await CliRunner.RunAsync("status", "--settings", settings);

        Assert.Equal(ExitCodes.Failure, exitCode);
        Assert.StartsWith("ingest: cannot reach storage: ", error);
        Assert.Contains($"127.0.0.1:{port}", error);
        Assert.Single(error.Trim().Split('\n'));
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public async Task Status_without_any_storage_setting_explains_how_to_configure_it()
    {
        var settings = CliRunner.SettingsFile(("PollSchedule", "0 */10 * * * *"));

        var (exitCode, _, error) = await CliRunner.RunAsync("status", "--settings", settings);

        Assert.Equal(ExitCodes.Failure, exitCode);
        Assert.Contains("UseDevelopmentStorage=true", error);
    }
}
