using Ingest.Core.Model;
using Ingest.Core.Polling;
using Ingest.Storage;
using Ingest.Storage.Accounts;
using Ingest.Storage.Stores;
using Ingest.Testing;

namespace Ingest.Cli.Tests;

/// <summary><c>ingest queues</c> and its poison operations against an Azurite of its own (the queue names are the app's).</summary>
public sealed class QueuesCommandTests
{
    [Fact]
    public async Task Poisoned_messages_are_listed_shown_moved_back_intact_or_purged()
    {
        using var azurite = await AzuriteServer.StartPrivateAsync();
        var account = StorageAccount.FromConnectionString(azurite.ConnectionString);
        await StorageLayout.EnsureCreatedAsync(account);
        var polls = account.GetQueueClient(QueueNames.Poison(QueueNames.FeedPolls));
        var first = QueueJson.Write(new PollRequest("kfor-wire", new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero)));
        await polls.SendMessageAsync(first);
        await polls.SendMessageAsync("not a poll request");
        await account.GetQueueClient(QueueNames.Poison(QueueNames.Digests)).SendMessageAsync("""{"broken":true}""");
        var settings = CliRunner.SettingsFile(("AzureWebJobsStorage", azurite.ConnectionString));

        var listed = await CliRunner.RunAsync("queues", "--settings", settings);
        var shown = await CliRunner.RunAsync("queues", "poison", "show", "feed-polls", "--settings", settings);
        var retried = await CliRunner.RunAsync("queues", "poison", "retry", "feed-polls", "--settings", settings);
        var purged = await CliRunner.RunAsync("queues", "poison", "purge", "digests", "--settings", settings);
        var unknown = await CliRunner.RunAsync("queues", "poison", "retry", "everything", "--settings", settings);

        Assert.Equal(ExitCodes.Success, listed.ExitCode);
        Assert.Matches(@"(?m)^feed-polls\s+0\s+2$", listed.Output);
        Assert.Matches(@"(?m)^digests\s+0\s+1$", listed.Output);
        Assert.Contains(first, shown.Output);
        Assert.Contains("2 message(s) in feed-polls-poison.", shown.Output);
        Assert.Contains("Moved 2 message(s) from feed-polls-poison back to feed-polls.", retried.Output);
        Assert.Equal(new[] { first, "not a poll request" }.Order(StringComparer.Ordinal), (await account.GetQueueClient(QueueNames.FeedPolls).PeekAllAsync()).Select(m => m.MessageText).Order(StringComparer.Ordinal));
        Assert.Empty(await polls.PeekAllAsync());
        Assert.Contains("Deleted 1 message(s) from digests-poison.", purged.Output);
        Assert.Empty(await account.GetQueueClient(QueueNames.Poison(QueueNames.Digests)).PeekAllAsync());
        Assert.Equal(ExitCodes.BadInput, unknown.ExitCode);
        Assert.Contains("'everything' is not one of Ingest's queues", unknown.Error);
    }
}
