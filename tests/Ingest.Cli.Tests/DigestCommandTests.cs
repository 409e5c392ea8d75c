using Ingest.Core.Model;
using Ingest.Core.Subscriptions;
using Ingest.Core.Topics;
using Ingest.Storage;
using Ingest.Storage.Stores;
using Ingest.Testing;

namespace Ingest.Cli.Tests;

/// <summary><c>ingest digest preview</c> against an Azurite of its own with a subscriber and hits in it.</summary>
public sealed class DigestCommandTests
{
    [Fact]
    public async Task Preview_writes_the_digest_a_subscriber_would_get_for_a_day_without_sending_it()
    {
        using var azurite = await AzuriteServer.StartPrivateAsync();
        var account = Ingest.Storage.Accounts.StorageAccount.FromConnectionString(azurite.ConnectionString);
        await StorageLayout.EnsureCreatedAsync(account);
        const string email = "editor@example.org";
        await new SubscriberTable(account.GetTableClient(StorageLayout.Subscribers)).SaveAsync(
            new Subscriber(new SubscriberIds("preview-tests-signing-key").For(email), email, SubscriberStatus.Active, ["kfor"], Frequency.Daily, 7, "Europe/Belgrade", DayOfWeek.Monday, null, DateTimeOffset.UtcNow),
            CancellationToken.None);
        var published = new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
        await new ArticleTable(account.GetTableClient(StorageLayout.Articles), account.GetTableClient(StorageLayout.Hits)).SaveAsync(
            [new StoredArticle("k1", "https://news.example/k1", "KFOR opens a new base near Zubin Potok", published, "wire", "en", ["kfor"], "h")],
            [new StoredHit("kfor", "k1", "KFOR opens a new base near Zubin Potok", "https://news.example/k1", "wire", published, 14, [new MatchedTerm("KFOR", 2)], "KFOR opened the base on Saturday.")],
            CancellationToken.None);
        var settings = CliRunner.SettingsFile(
            ("AzureWebJobsStorage", azurite.ConnectionString),
            ("TopicsPath", Path.Combine(RepositoryRoot.Path, "seeds", "topics.json")),
            ("PublicBaseUrl", "https://ingest.example/"),
            ("SubscriptionSigningKey", "preview-tests-signing-key"),
            ("Smtp__Host", "127.0.0.1"));
        var folder = Directory.CreateTempSubdirectory("ingest-preview-").FullName;

        var preview = await CliRunner.RunAsync("digest", "preview", "--email", email, "--period", "2026-11-22", "--out", folder, "--settings", settings);
        var empty = await CliRunner.RunAsync("digest", "preview", "--email", email, "--period", "2026-11-20", "--out", folder, "--settings", settings);
        var stranger = await CliRunner.RunAsync("digest", "preview", "--email", "nobody@example.org", "--settings", settings);

        Assert.Equal(ExitCodes.Success, preview.ExitCode);
        Assert.StartsWith("1 new: KFOR — 22 Nov", preview.Output);
        Assert.Contains("KFOR opens a new base near Zubin Potok", await File.ReadAllTextAsync(Path.Combine(folder, "digest-d-2026-11-22.html")));
        Assert.Contains("https://ingest.example/api/subscriptions/unsubscribe?token=", await File.ReadAllTextAsync(Path.Combine(folder, "digest-d-2026-11-22.txt")));
        Assert.Contains("nothing matched", empty.Output);
        Assert.Equal(ExitCodes.BadInput, stranger.ExitCode);
        Assert.Contains("has no subscription", stranger.Error);
    }
}
