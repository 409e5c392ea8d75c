using Ingest.Composition;
using Ingest.Core.Model;
using Ingest.Core.Subscriptions;
using Ingest.Storage;
using Ingest.Storage.Accounts;
using Ingest.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ingest.Functions.Tests;

/// <summary>
/// Every link names its subscriber's link generation, through the composed services over Azurite: a new feed
/// address, "sign out all links" and a new subscription of the same address each end every earlier link.
/// </summary>
public sealed class LinkGenerationTests : IAsyncLifetime
{
    private const string SigningKey = "link-generation-tests-signing-key";
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero));
    private AzuriteServer _azurite = null!;
    private ServiceProvider _services = null!;

    private SubscriptionService Subscriptions => _services.GetRequiredService<SubscriptionService>();

    private LinkSigner Signer => _services.GetRequiredService<LinkSigner>();

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteServer.StartPrivateAsync();
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = _azurite.ConnectionString,
            ["TopicsPath"] = Path.Combine(RepositoryRoot.Path, "seeds", "topics.json"),
            ["PublicBaseUrl"] = "http://localhost:7071/",
            ["SubscriptionSigningKey"] = SigningKey,
        }).Build();
        var collection = new ServiceCollection().AddIngest(settings);
        collection.Replace(ServiceDescriptor.Singleton<TimeProvider>(_time));
        _services = collection.BuildServiceProvider();
        await StorageLayout.EnsureCreatedAsync(_services.GetRequiredService<StorageAccount>());
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        _azurite.Dispose();
    }

    [Fact]
    public async Task Links_mailed_for_an_earlier_subscription_of_an_address_do_nothing_after_it_subscribes_again()
    {
        var first = await SubscribeAndConfirmAsync("again@example.org");
        var oldUnsubscribe = Token(Subscriptions.UnsubscribeUrl(first));
        var oldPreferences = Token(Subscriptions.PreferencesUrl(first));
        Assert.Equal(LinkOutcome.Done, await Subscriptions.UnsubscribeAsync(oldUnsubscribe, CancellationToken.None));

        _time.Advance(TimeSpan.FromHours(2));
        var second = await SubscribeAndConfirmAsync("again@example.org");

        Assert.Equal(first.LinkGeneration + 1, second.LinkGeneration);
        Assert.Null(await Subscriptions.FromPreferencesLinkAsync(oldPreferences, CancellationToken.None));
        Assert.Equal(LinkOutcome.Invalid, await Subscriptions.UnsubscribeAsync(oldUnsubscribe, CancellationToken.None));
        Assert.NotNull(await Subscriptions.FromPreferencesLinkAsync(Token(Subscriptions.PreferencesUrl(second)), CancellationToken.None));
        Assert.Equal(SubscriberStatus.Active, (await Subscriptions.FindAsync("again@example.org", CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task A_new_feed_address_or_signing_out_ends_the_preferences_unsubscribe_and_feed_links_made_before()
    {
        var subscriber = await SubscribeAndConfirmAsync("rotate@example.org");
        var before = (Token(Subscriptions.PreferencesUrl(subscriber)), Token(Subscriptions.UnsubscribeUrl(subscriber)), Token(Subscriptions.FeedUrl(subscriber)));

        var renewed = await Subscriptions.RenewLinksAsync(subscriber, CancellationToken.None);

        Assert.Null(await Subscriptions.FromPreferencesLinkAsync(before.Item1, CancellationToken.None));
        Assert.Equal(LinkOutcome.Invalid, await Subscriptions.UnsubscribeAsync(before.Item2, CancellationToken.None));
        Assert.Null(await Subscriptions.FromFeedTokenAsync(before.Item3, CancellationToken.None));
        Assert.NotNull(await Subscriptions.FromPreferencesLinkAsync(Token(Subscriptions.PreferencesUrl(renewed)), CancellationToken.None));
        Assert.NotNull(await Subscriptions.FromFeedTokenAsync(Token(Subscriptions.FeedUrl(renewed)), CancellationToken.None));
        Assert.Equal(SubscriberStatus.Active, (await Subscriptions.FindAsync("rotate@example.org", CancellationToken.None))!.Status);
    }

    private async Task<Subscriber> SubscribeAndConfirmAsync(string email)
    {
        var (request, errors) = SubscriptionForm.Read(new Dictionary<string, string?> { ["email"] = email, ["topics"] = "kfor" }, ["kfor"], _time.GetUtcNow());
        Assert.Empty(errors);
        await Subscriptions.SubscribeAsync(request! with { Id = new SubscriberIds(SigningKey).For(email) }, CancellationToken.None);
        var pending = (await Subscriptions.FindAsync(email, CancellationToken.None))!;
        // The link the confirmation mail carries, as the service makes it.
        var confirm = Signer.Create(LinkPurpose.Confirm, pending, _time.GetUtcNow().AddDays(7));
        var (outcome, active) = await Subscriptions.ConfirmAsync(confirm, CancellationToken.None);
        Assert.Equal(LinkOutcome.Done, outcome);
        return active!;
    }

    private static string Token(Uri link) => Uri.UnescapeDataString(link.Query["?token=".Length..]);
}
