using Ingest.Core.Model;
using Ingest.Core.Subscriptions;
using Ingest.Storage;
using Ingest.Storage.Stores;
using Ingest.Testing;

namespace Ingest.Cli.Tests;

/// <summary><c>ingest endpoints</c> against an Azurite of its own: an operator adds, lists and removes a team's pushes.</summary>
public sealed class EndpointCommandTests
{
    [Fact]
    public async Task An_operator_adds_a_webhook_with_its_secret_shown_once_lists_it_and_removes_it_and_bad_addresses_are_refused()
    {
        using var azurite = await AzuriteServer.StartPrivateAsync();
        var account = Ingest.Storage.Accounts.StorageAccount.FromConnectionString(azurite.ConnectionString);
        await StorageLayout.EnsureCreatedAsync(account);
        const string email = "balkans-desk@newsroom.example";
        var subscribers = new SubscriberTable(account.GetTableClient(StorageLayout.Subscribers));
        var id = new SubscriberIds("endpoint-tests-signing-key").For(email);
        await subscribers.SaveAsync(new Subscriber(id, email, SubscriberStatus.Active, ["kfor"], Frequency.Immediate, 7, "UTC", DayOfWeek.Monday, null, DateTimeOffset.UtcNow), CancellationToken.None);
        var settings = CliRunner.SettingsFile(
            ("AzureWebJobsStorage", azurite.ConnectionString),
            ("TopicsPath", Path.Combine(RepositoryRoot.Path, "seeds", "topics.json")),
            ("PublicBaseUrl", "https://ingest.example/"),
            ("SubscriptionSigningKey", "endpoint-tests-signing-key"));

        var added = await CliRunner.RunAsync("endpoints", "add", "--email", email, "--kind", "webhook", "--url", "https://hooks.newsroom.example/ingest", "--settings", settings);
        var metadata = await CliRunner.RunAsync("endpoints", "add", "--email", email, "--kind", "slack", "--url", "https://169.254.169.254/hook", "--settings", settings);
        var listed = await CliRunner.RunAsync("endpoints", "list", "--email", email, "--settings", settings);
        var stored = (await subscribers.GetAsync(id, CancellationToken.None))!.Endpoints!.Single();
        var removed = await CliRunner.RunAsync("endpoints", "remove", "--email", email, "--id", stored.Id, "--settings", settings);
        var stranger = await CliRunner.RunAsync("endpoints", "list", "--email", "nobody@newsroom.example", "--settings", settings);

        Assert.Equal(ExitCodes.Success, added.ExitCode);
        Assert.Contains($"signing secret (shown this once): {stored.Secret}", added.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadInput, metadata.ExitCode);
        Assert.Contains("does not post to 169.254.169.254", metadata.Error, StringComparison.Ordinal);
        Assert.Contains($"{stored.Id}  webhook  https://hooks.newsroom.example/…  Nothing pushed yet.", listed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("whsec_", listed.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, removed.ExitCode);
        Assert.Null((await subscribers.GetAsync(id, CancellationToken.None))!.Endpoints);
        Assert.Equal(ExitCodes.BadInput, stranger.ExitCode);
    }
}
