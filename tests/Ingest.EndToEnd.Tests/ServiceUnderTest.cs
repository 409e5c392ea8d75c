using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Ingest.Core.Model;
using Ingest.Core.Polling;
using Ingest.Storage;
using Ingest.Storage.Accounts;
using Ingest.Storage.Stores;
using Ingest.Testing;

namespace Ingest.EndToEnd.Tests;

/// <summary>
/// The service as <c>ingest host</c> runs it, on an Azurite of its own (the app's table and queue names are
/// fixed), with feeds served by a loopback server the test controls. Retries are immediate
/// (<c>AzureFunctionsJobHost__extensions__queues__visibilityTimeout</c>), as an operator could set them too.
/// </summary>
public sealed partial class ServiceUnderTest : IAsyncDisposable
{
    /// <summary>The links the service signs for these tests; a test can sign one of its own, such as an expired one.</summary>
    public const string SigningKey = "end-to-end-tests-signing-key";

    private static readonly JsonSerializerOptions CatalogueJsonOptions = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Subscriber ids as the service makes them: keyed with its signing key.</summary>
    public static Ingest.Core.Subscriptions.SubscriberIds Ids { get; } = new(SigningKey);

    private readonly string _folder;
    private readonly string _settingsFile;

    private readonly TcpRelay _tableRelay;
    private readonly TcpRelay _queueRelay;

    private ServiceUnderTest(AzuriteServer azurite, (TcpRelay Table, TcpRelay Queue) relays, LoopbackHttpServer feeds, ChildProcess host, string folder, int httpPort, string settingsFile)
    {
        _settingsFile = settingsFile;
        Azurite = azurite;
        (_tableRelay, _queueRelay) = relays;
        Feeds = feeds;
        Host = host;
        _folder = folder;
        HttpBase = new Uri($"http://localhost:{httpPort}/");
        Account = StorageAccount.FromConnectionString(azurite.ConnectionString);
    }

    /// <summary>Mail settings for a test that sends none: alerts for subscribers that do not exist need no server.</summary>
    public static IReadOnlyDictionary<string, string> UnusedSmtp { get; } = new Dictionary<string, string>
    {
        ["Smtp__Host"] = "127.0.0.1",
        ["Smtp__Port"] = LoopbackPort.GetUnused().ToString(CultureInfo.InvariantCulture),
        ["Smtp__From"] = "Ingest <ingest@ingest.test>",
    };

    public AzuriteServer Azurite { get; }

    public LoopbackHttpServer Feeds { get; }

    public ChildProcess Host { get; }

    public StorageAccount Account { get; }

    public Uri HttpBase { get; }

    /// <param name="catalogue">Feed id and path on the feed server, for the catalogue the app imports; a null full text is left out (the default, "auto").</param>
    public static async Task<ServiceUnderTest> StartAsync(IReadOnlyList<(string Id, string Path, bool? FullText)> catalogue, Action<LoopbackHttpServer> serve, string pollSchedule = "0 0 0 1 1 *", IReadOnlyDictionary<string, string>? settings = null, IReadOnlyList<string>? hostArguments = null)
    {
        var feeds = await LoopbackHttpServer.StartAsync();
        serve(feeds);
        var catalogueJson = JsonSerializer.Serialize(new
        {
            feeds = catalogue.Select(f => new { id = f.Id, url = feeds.Url(f.Path).AbsoluteUri, fullText = f.FullText, language = "en" }),
        }, CatalogueJsonOptions);
        return await StartAsync(catalogueJson, feeds, pollSchedule, settings, hostArguments);
    }

    /// <param name="catalogueJson">The feed catalogue the app imports, as <c>seeds/feeds.json</c> writes it.</param>
    public static async Task<ServiceUnderTest> StartAsync(string catalogueJson, string pollSchedule, IReadOnlyDictionary<string, string>? settings = null) =>
        await StartAsync(catalogueJson, await LoopbackHttpServer.StartAsync(), pollSchedule, settings, null);

    /// <param name="hostArguments">Options of <c>ingest host</c> beyond the app, port and settings the tests give it.</param>
    private static async Task<ServiceUnderTest> StartAsync(string catalogueJson, LoopbackHttpServer feeds, string pollSchedule, IReadOnlyDictionary<string, string>? settings, IReadOnlyList<string>? hostArguments)
    {
        var azurite = await AzuriteServer.StartPrivateAsync();
        // The service reaches its storage through relays a test can cut (BreakStorage); the test itself goes direct.
        var relays = (Table: TcpRelay.Start(azurite.TableEndpoint.Port), Queue: TcpRelay.Start(azurite.QueueEndpoint.Port));
        var relayed = azurite.ConnectionString
            .Replace($":{azurite.TableEndpoint.Port}/", $":{relays.Table.Port}/", StringComparison.Ordinal)
            .Replace($":{azurite.QueueEndpoint.Port}/", $":{relays.Queue.Port}/", StringComparison.Ordinal);
        var folder = Directory.CreateTempSubdirectory("ingest-e2e-").FullName;
        var catalogueFile = Path.Combine(folder, "feeds.json");
        await File.WriteAllTextAsync(catalogueFile, catalogueJson);
        var httpPort = LoopbackPort.GetUnused();
        var settingsFile = Path.Combine(folder, "local.settings.json");
        await File.WriteAllTextAsync(settingsFile, JsonSerializer.Serialize(new
        {
            Values = new Dictionary<string, string>(settings ?? new Dictionary<string, string>())
            {
                ["PublicBaseUrl"] = $"http://localhost:{httpPort}/",
                ["SubscriptionSigningKey"] = SigningKey,
                ["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated",
                ["AzureWebJobsStorage"] = relayed,
                ["PollSchedule"] = pollSchedule,
                ["DigestSchedule"] = "0 5 * * * *",
                ["FeedsPath"] = catalogueFile,
                ["Fetch__AllowLoopback"] = "true",
                ["Fetch__TimeoutSeconds"] = settings?.GetValueOrDefault("Fetch__TimeoutSeconds") ?? "20",
                ["AzureFunctionsJobHost__extensions__queues__visibilityTimeout"] = "00:00:00",
                ["AzureFunctionsJobHost__extensions__queues__maxPollingInterval"] = "00:00:00.500",
                // Each read sees every change at once, unless a test asks for the shared snapshots of a deployment.
                ["Reads__SnapshotSeconds"] = settings?.GetValueOrDefault("Reads__SnapshotSeconds") ?? "0",
                // One loopback server stands in for every site a test serves: no host is busy enough to spread its polls.
                ["Fetch__MaxConcurrencyPerHost"] = settings?.GetValueOrDefault("Fetch__MaxConcurrencyPerHost") ?? "16",
            },
        }));

        var host = await StartHostAsync(httpPort, settingsFile, folder, hostArguments);
        return new ServiceUnderTest(azurite, relays, feeds, host, folder, httpPort, settingsFile);
    }

    /// <summary>
    /// A second <c>ingest host</c> and worker with the same settings (storage, queues, catalogue, feeds) on a port of its
    /// own: two instances of the service, as Azure scales it out. The caller disposes of it.
    /// </summary>
    public Task<ChildProcess> StartAnotherInstanceAsync() => StartHostAsync(LoopbackPort.GetUnused(), _settingsFile, _folder, null);

    private static async Task<ChildProcess> StartHostAsync(int httpPort, string settingsFile, string folder, IReadOnlyList<string>? hostArguments)
    {
        var app = Path.GetDirectoryName(BuiltProject.Assembly("Ingest.Functions"))!;
        var host = ChildProcess.Start("dotnet", [BuiltProject.Assembly("Ingest.Cli", "ingest"), "host", "--app", app, "--port", httpPort.ToString(CultureInfo.InvariantCulture), "--settings", settingsFile, .. hostArguments ?? []], folder);
        // Generous: on a busy machine the host builds its worker's first connection slowly.
        await host.WaitForLineAsync(new Regex("listening to queue 'feed-polls'"), TimeSpan.FromSeconds(120));
        // The import's last step disables stored feeds the catalogue does not list: a test seeds its own only after it.
        await host.WaitForLineAsync(new Regex("Feed catalogue .* no longer listed and disabled"), TimeSpan.FromSeconds(120));
        return host;
    }

    /// <summary>Storage goes away for the service: its connections are reset and new ones refused, until <see cref="RestoreStorage"/>.</summary>
    public void BreakStorage()
    {
        _tableRelay.Break();
        _queueRelay.Break();
    }

    public void RestoreStorage()
    {
        _tableRelay.Restore();
        _queueRelay.Restore();
    }

    /// <summary>The pid of the worker the host is running now (the last one it reported ready).</summary>
    public int HandlerPid => int.Parse(ReadyPattern().Matches(Host.Output).Last().Groups["pid"].Value, CultureInfo.InvariantCulture);

    public int HandlerStarts => ReadyPattern().Count(Host.Output);

    public async Task EnqueuePollAsync(string feedId, DateTimeOffset requestedAt) =>
        await Account.GetQueueClient(QueueNames.FeedPolls).SendMessageAsync(QueueJson.Write(new PollRequest(feedId, requestedAt)));

    public async Task<List<TableEntity>> RowsAsync(string table)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in Account.GetTableClient(table).QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        return rows;
    }

    public async Task<int> CountAsync(string table) => (await RowsAsync(table)).Count;

    public async Task<FeedRecord> FeedAsync(string id) =>
        await new Ingest.Storage.Stores.FeedTable(Account.GetTableClient(StorageLayout.Feeds)).GetAsync(id, CancellationToken.None) ?? throw new InvalidOperationException($"no feed {id}");

    /// <summary>Waits for a feed to finish a poll after <paramref name="after"/>.</summary>
    public Task WaitForPollAsync(string feedId, DateTimeOffset after) =>
        WaitForAsync(async () => (await FeedAsync(feedId)).LastPolledAt > after, $"a poll of {feedId}");

    public async Task WaitForAsync(Func<Task<bool>> condition, string what, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception ex) when (StorageFailure.Is(ex))
            {
                // Not created yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{what} did not happen within {seconds} s. Host output:\n{Host.Output}");
    }

    public async ValueTask DisposeAsync()
    {
        Host.Dispose();
        await _tableRelay.DisposeAsync();
        await _queueRelay.DisposeAsync();
        await Feeds.DisposeAsync();
        Azurite.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [GeneratedRegex(@"worker ready \(pid (?<pid>\d+)\)")]
    private static partial Regex ReadyPattern();
}
