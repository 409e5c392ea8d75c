using Ingest.Composition;
using Ingest.Core.Model;
using Ingest.Core.Subscriptions;
using Ingest.Storage;
using Ingest.Storage.Accounts;
using Ingest.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ingest.Functions.Tests;

/// <summary>
/// Two changes to one subscription at once (preferences saved in one tab while the feed gets a new address in
/// another), through the composed services over Azurite: neither undoes the other, so a replaced feed address
/// never comes back to life.
/// </summary>
public sealed class SubscriberChangeTests
{
    [Fact]
    public async Task Preferences_saved_from_a_page_read_before_a_rotation_keep_the_new_feed_address()
    {
        using var azurite = await AzuriteServer.StartPrivateAsync();
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["TopicsPath"] = Path.Combine(RepositoryRoot.Path, "seeds", "topics.json"),
            ["PublicBaseUrl"] = "http://localhost:7071/",
            ["SubscriptionSigningKey"] = "subscriber-change-tests-signing-key",
        }).Build();
        await using var services = new ServiceCollection().AddIngest(settings).BuildServiceProvider();
        await StorageLayout.EnsureCreatedAsync(services.GetRequiredService<StorageAccount>());
        var store = services.GetRequiredService<ISubscriberStore>();
        var subscriptions = services.GetRequiredService<SubscriptionService>();
        var now = DateTimeOffset.UtcNow;
        await store.SaveAsync(new Subscriber("twotabs01", "tabs@example.org", SubscriberStatus.Active, ["kfor"], Frequency.Daily, 7, "UTC", DayOfWeek.Monday, null, now, ConfirmedAt: now), CancellationToken.None);
        var readByFirstTab = (await store.GetAsync("twotabs01", CancellationToken.None))!;
        var oldFeed = subscriptions.FeedUrl(readByFirstTab);

        var rotated = await subscriptions.RenewLinksAsync((await store.GetAsync("twotabs01", CancellationToken.None))!, CancellationToken.None);
        var (_, errors) = await subscriptions.UpdatePreferencesAsync(readByFirstTab, new Dictionary<string, string?> { ["topics"] = "kfor,arms", ["frequency"] = "weekly", ["hour"] = "8", ["timeZone"] = "Europe/Belgrade", ["weekday"] = "friday" }, ["kfor", "arms"], CancellationToken.None);
        var stored = (await store.GetAsync("twotabs01", CancellationToken.None))!;

        Assert.Null(errors);
        Assert.Equal((1, Frequency.Weekly, "kfor,arms"), (stored.LinkGeneration, stored.Frequency, string.Join(',', stored.Topics)));
        Assert.Equal(subscriptions.FeedUrl(rotated), subscriptions.FeedUrl(stored));
        Assert.Null(await subscriptions.FromFeedTokenAsync(Token(oldFeed), CancellationToken.None));
        Assert.NotNull(await subscriptions.FromFeedTokenAsync(Token(subscriptions.FeedUrl(stored)), CancellationToken.None));
    }

    private static string Token(Uri feedUrl) => Uri.UnescapeDataString(feedUrl.Query["?token=".Length..]);
}
