using Ingest.Core.Fetching;
using Ingest.Core.Polling;
using Ingest.Core.Scheduling;
using Ingest.Core.Settings;
using Ingest.Core.Topics;
using Ingest.Storage.Accounts;
using Microsoft.Extensions.Configuration;

namespace Ingest.Storage.Stores;

/// <summary>
/// Everything polling needs, built from the app settings the same way for the Functions app and for
/// <c>ingest poll</c>: storage, the topic model (<c>TopicsPath</c>), the feed catalogue (<c>FeedsPath</c>), the fetcher.
/// </summary>
public sealed class PollingServices : IDisposable
{
    private readonly HttpClient _httpClient;

    private PollingServices(IConfiguration settings, TimeProvider timeProvider, string? contentRoot)
    {
        Account = StorageAccount.FromConfiguration(settings);
        TopicsPath = Resolve(settings[PollingSettings.TopicsPath] ?? "seeds/topics.json", contentRoot);
        FeedsPath = Resolve(settings[PollingSettings.FeedsPath] ?? "seeds/feeds.json", contentRoot);
        Matcher = new TopicMatcher(TopicModelLoader.LoadFile(TopicsPath));
        var fetchOptions = FetchSettings.Read(settings);
        _httpClient = new HttpClient(FetchHttpHandler.Create(fetchOptions)) { Timeout = Timeout.InfiniteTimeSpan };
        var fetcher = new FeedFetcher(_httpClient, fetchOptions, timeProvider);
        var policy = new PollPolicy();
        Feeds = new FeedTable(Account.GetTableClient(StorageLayout.Feeds));
        Runs = new RunTable(Account.GetTableClient(StorageLayout.Runs));
        var polls = new PollQueue(Account.GetQueueClient(StorageLayout.FeedPolls));
        Dispatcher = new PollDispatcher(Feeds, polls, policy, timeProvider);
        var articles = new ArticleTable(Account.GetTableClient(StorageLayout.Articles), Account.GetTableClient(StorageLayout.Hits));
        Poller = new FeedPoller(Feeds, articles, polls, new AlertQueue(Account.GetQueueClient(StorageLayout.Alerts)), fetcher, new ArticleReader(fetcher, Matcher), policy, timeProvider);
    }

    public StorageAccount Account { get; }

    /// <summary>When each timer function last ran (for the monitoring endpoint).</summary>
    public RunTable Runs { get; }

    public string TopicsPath { get; }

    public string FeedsPath { get; }

    public TopicMatcher Matcher { get; }

    public IFeedStore Feeds { get; }

    public PollDispatcher Dispatcher { get; }

    public FeedPoller Poller { get; }

    /// <param name="contentRoot">Where relative paths start (the function app root); the working directory when null.</param>
    public static PollingServices Create(IConfiguration settings, TimeProvider timeProvider, string? contentRoot = null) => new(settings, timeProvider, contentRoot);

    /// <summary>Brings the catalogue at <see cref="FeedsPath"/> into the <c>Feeds</c> table.</summary>
    public Task<ImportResult> ImportCatalogAsync(CancellationToken cancellationToken) =>
        FeedImporter.ImportAsync(Feeds, FeedCatalog.LoadFile(FeedsPath), cancellationToken);

    public void Dispose() => _httpClient.Dispose();

    private static string Resolve(string path, string? root) => Path.IsPathRooted(path) || root is null ? path : Path.Combine(root, path);
}
