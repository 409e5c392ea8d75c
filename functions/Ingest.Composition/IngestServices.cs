using Azure.Data.Tables;
using Azure.Storage.Queues;
using Ingest.Core.Deliveries;
using Ingest.Core.Fetching;
using Ingest.Core.Mail;
using Ingest.Core.Model;
using Ingest.Core.Monitoring;
using Ingest.Core.Polling;
using Ingest.Core.Publishing;
using Ingest.Core.Pushes;
using Ingest.Core.Reads;
using Ingest.Core.Scheduling;
using Ingest.Core.Settings;
using Ingest.Core.Stories;
using Ingest.Core.Subscriptions;
using Ingest.Core.Telemetry;
using Ingest.Core.Topics;
using Ingest.Storage;
using Ingest.Storage.Accounts;
using Ingest.Storage.Stores;
using Ingest.Views;
using Ingest.Views.Mail;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ingest.Composition;

/// <summary>
/// Composes Ingest once for every host: the Functions app and the <c>ingest</c> command call <see cref="AddIngest"/>
/// and ask for the narrow services they use. Settings become options checked at start-up, so a bad value stops the
/// process with one line naming it instead of failing the first invocation that reads it.
/// </summary>
public static class IngestServices
{
    /// <param name="appRoot">Where <c>TopicsPath</c> and <c>FeedsPath</c> start when relative (the function app folder).</param>
    public static IServiceCollection AddIngest(this IServiceCollection services, IConfiguration configuration, string? appRoot = null)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSetting(() => StorageConnection.Read(configuration));
        services.AddSetting(() => FetchSettings.Read(configuration));
        services.AddSetting(() => FetchSettings.ReadPush(configuration));
        services.AddSetting(() => PollingSettings.ReadTopics(configuration, appRoot));
        services.AddSetting(() => PollingSettings.ReadFeeds(configuration, appRoot));
        services.AddSetting(() => PollingSettings.ReadPolicy(configuration));
        services.AddSetting(() => MailSettings.ReadRetry(configuration));
        services.AddSingleton(sp => Setting<MailRetryPolicy>(sp));
        services.AddSetting(() => MailSettings.ReadSmtp(configuration));
        services.AddSetting(() => MailSettings.ReadSubscriptions(configuration));
        services.AddSetting(() => MailSettings.ReadApi(configuration));

        // The SDK clients, once: a connection string, or the settings' identity through Azure.Identity.
        services.AddAzureClients(clients =>
        {
            clients.UseCredential(sp => Setting<StorageConnection>(sp).CreateCredential());
            clients.AddClient<TableServiceClient, TableClientOptions>((_, credential, sp) => Setting<StorageConnection>(sp).Connect(credential: credential).Tables);
            clients.AddClient<QueueServiceClient, QueueClientOptions>((_, credential, sp) => Setting<StorageConnection>(sp).Connect(credential: credential).Queues);
        });
        services.AddSingleton(sp => new StorageAccount(sp.GetRequiredService<TableServiceClient>(), sp.GetRequiredService<QueueServiceClient>()));
        services.AddSingleton<PoisonQueues>();

        AddStores(services);
        AddPolling(services);
        AddMail(services);
        return services;
    }

    /// <summary>
    /// A service provider for a command line: <see cref="AddIngest"/> over <paramref name="configuration"/>. A command
    /// uses a few services, so each setting is checked when a service first needs it (the Functions app checks them
    /// all at start-up); a bad one fails with the same one line.
    /// </summary>
    public static ServiceProvider Build(IConfiguration configuration, string? appRoot = null) =>
        new ServiceCollection().AddIngest(configuration, appRoot).BuildServiceProvider();

    /// <summary>The one line a failed start-up check says: the first setting that is wrong.</summary>
    public static string? DescribeStartupFailure(Exception ex) => ex switch
    {
        OptionsValidationException options => options.Failures.FirstOrDefault() ?? options.Message,
        AggregateException aggregate when aggregate.InnerExceptions.Count > 0 => DescribeStartupFailure(aggregate.InnerExceptions[0]),
        _ => null,
    };

    private static void AddStores(IServiceCollection services)
    {
        services.AddSingleton(sp => Table(sp, StorageLayout.Feeds, t => new FeedTable(t)));
        services.AddSingleton<IFeedStore>(sp => sp.GetRequiredService<FeedTable>());
        services.AddSingleton<IArticleStore>(sp => new ArticleTable(TableClient(sp, StorageLayout.Articles), TableClient(sp, StorageLayout.Hits)));
        services.AddSingleton<IHitReader>(sp => Table(sp, StorageLayout.Hits, t => new HitTable(t)));
        services.AddSingleton(sp => Table(sp, StorageLayout.Subscribers, t => new SubscriberTable(t)));
        services.AddSingleton<ISubscriberStore>(sp => sp.GetRequiredService<SubscriberTable>());
        services.AddSingleton<IWatchList>(sp => sp.GetRequiredService<SubscriberTable>());
        services.AddSingleton<IDeliveryStore>(sp => Table(sp, StorageLayout.Deliveries, t => new DeliveryTable(t)));
        services.AddSingleton<IRunLog>(sp => Table(sp, StorageLayout.Runs, t => new RunTable(t)));
        services.AddSingleton<IQueueDepths, QueueDepths>();
        services.AddSingleton<IStorageFaults, StorageFaults>();
        services.AddSingleton<IStorageSetup, StorageSetup>();
        services.AddSingleton<StatusReader>();
        services.AddSingleton<StatusReporter>();
        services.AddSingleton<IStoryStore>(sp => Table(sp, StorageLayout.Stories, t => new StoryTable(t)));
        services.AddSingleton<ISpikeStore>(sp => Table(sp, StorageLayout.Spikes, t => new SpikeTable(t)));
        services.AddSingleton<IQueue<PollRequest>>(sp => Queue<PollRequest>(sp, QueueNames.FeedPolls, TimeSpan.FromDays(1)));
        services.AddSingleton<IQueue<AlertBatch>>(sp => Queue<AlertBatch>(sp, QueueNames.Alerts));
        services.AddSingleton<IQueue<DigestPeriod>>(sp => Queue<DigestPeriod>(sp, QueueNames.Digests));
        services.AddSingleton<IQueue<Spike>>(sp => Queue<Spike>(sp, QueueNames.Breaking));
        services.AddSingleton<IQueue<OutgoingMail>>(sp => Queue<OutgoingMail>(sp, QueueNames.Emails));
        services.AddSingleton<IQueue<Subscriber>>(sp => Queue<Subscriber>(sp, QueueNames.SubscriptionRequests, TimeSpan.FromDays(1)));
        services.AddSingleton<IMailRetryQueue>(sp => new MailRetryQueue(sp.GetRequiredService<StorageAccount>()));
        services.AddSingleton<OutboxSender>();
    }

    private static void AddPolling(IServiceCollection services)
    {
        services.AddSingleton(sp => new TopicMatcher(TopicModelLoader.LoadFile(Setting<TopicModelFile>(sp).Path)));
        services.AddSingleton(sp => TopicCatalog.From(sp.GetRequiredService<TopicMatcher>().Model));
        services.AddSingleton(sp => Setting<PollPolicy>(sp) with { HostBurst = Setting<FetchOptions>(sp).MaxConcurrencyPerHost });
        services.AddSingleton(sp => new FeedFetcher(
            new HttpClient(FetchHttpHandler.Create(Setting<FetchOptions>(sp))) { Timeout = Timeout.InfiniteTimeSpan },
            Setting<FetchOptions>(sp),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new CurrentMatcher(sp.GetRequiredService<TopicMatcher>(), sp.GetRequiredService<IWatchList>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ArticleReader>();
        services.AddSingleton<StoryAssigner>();
        services.AddSingleton(SpikeRules.Default);
        services.AddSingleton<SpikeMonitor>();
        // The host's meter factory where there is one (the Functions worker's host has), so its exporters see the meter.
        services.AddSingleton(sp => new IngestMetrics(
            sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()?.Create(new System.Diagnostics.Metrics.MeterOptions(IngestTelemetry.Name)) ?? new System.Diagnostics.Metrics.Meter(IngestTelemetry.Name)));
        services.AddSingleton<FeedPoller>();
        services.AddSingleton<PollDispatcher>();
        services.AddSingleton<CatalogImport>();
    }

    private static void AddMail(IServiceCollection services)
    {
        services.AddSingleton(sp => new ViewRenderer(sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance));
        services.AddSingleton<IMailTemplates, MailTemplates>();
        services.AddSingleton(sp => new LinkSigner(Setting<SubscriptionOptions>(sp).SigningKey));
        services.AddSingleton(sp => new SubscriberIds(Setting<SubscriptionOptions>(sp).SigningKey));
        services.AddSingleton(sp => new SubscriptionService(
            sp.GetRequiredService<ISubscriberStore>(), sp.GetRequiredService<IQueue<Subscriber>>(), sp.GetRequiredService<IQueue<OutgoingMail>>(),
            sp.GetRequiredService<IMailTemplates>(), sp.GetRequiredService<TopicCatalog>(),
            sp.GetRequiredService<LinkSigner>(), sp.GetRequiredService<SubscriberIds>(), Setting<SubscriptionOptions>(sp).PublicBaseUrl, sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<WatchBreadth>()));
        services.AddSingleton<WatchBreadth>();
        services.AddSingleton<IMailSender>(sp => new SmtpMailSender(Setting<SmtpSettings>(sp)));
        services.AddSingleton<Mailer>();
        services.AddSingleton<DigestWriter>();
        services.AddSingleton(sp => new EndpointPoster(
            new HttpClient(FetchHttpHandler.Create(Setting<FetchOptions>(sp))) { Timeout = Timeout.InfiniteTimeSpan },
            Setting<PushOptions>(sp), Setting<FetchOptions>(sp), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<Courier>();
        services.AddSingleton<DigestSender>();
        services.AddSingleton<AlertSender>();
        services.AddSingleton<BreakingSender>();
        services.AddSingleton<DigestScheduler>();
        services.AddSingleton<HitSearch>();
    }

    /// <summary>
    /// Registers a settings reader as options checked at start-up. The readers already say in one line which setting
    /// is wrong; that line becomes the validation failure.
    /// </summary>
    public static IServiceCollection AddSetting<T>(this IServiceCollection services, Func<T> read) where T : class
    {
        services.AddSingleton<IOptionsFactory<T>>(new SettingsFactory<T>(read));
        services.AddOptions<T>().ValidateOnStart();
        return services;
    }

    private static T Setting<T>(IServiceProvider services) where T : class => services.GetRequiredService<IOptions<T>>().Value;

    private static TableClient TableClient(IServiceProvider services, string name) => services.GetRequiredService<StorageAccount>().GetTableClient(name);

    private static QueueClient QueueClient(IServiceProvider services, string name) => services.GetRequiredService<StorageAccount>().GetQueueClient(name);

    /// <param name="timeToLive">How long an unread message lives: a day for work that is asked for again anyway.</param>
    private static JsonQueue<T> Queue<T>(IServiceProvider services, string name, TimeSpan? timeToLive = null) where T : IQueueMessage =>
        new(QueueClient(services, name), timeToLive);

    private static T Table<T>(IServiceProvider services, string name, Func<TableClient, T> create) => create(TableClient(services, name));

    private sealed class SettingsFactory<T>(Func<T> read) : IOptionsFactory<T> where T : class
    {
        public T Create(string name)
        {
            try
            {
                return read();
            }
            catch (InvalidOperationException ex)
            {
                throw new OptionsValidationException(name, typeof(T), [ex.Message]);
            }
        }
    }
}
