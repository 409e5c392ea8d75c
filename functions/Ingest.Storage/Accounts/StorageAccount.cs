using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using Ingest.Storage.Pipeline;
using Ingest.Storage.Queues;
using Ingest.Storage.Tables;
using Microsoft.Extensions.Configuration;

namespace Ingest.Storage.Accounts;

/// <summary>
/// One storage account: its table and queue endpoints and how requests are authorised.
/// Hands out <see cref="TableClient"/> and <see cref="QueueClient"/> instances that share its pipelines.
/// </summary>
public sealed class StorageAccount
{
    internal const string TableApiVersion = "2019-02-02";
    internal const string QueueApiVersion = "2021-12-02";
    private const string StorageScope = "https://storage.azure.com/.default";

    private readonly HttpPipeline _tablePipeline;
    private readonly HttpPipeline _queuePipeline;

    private StorageAccount(Uri tableEndpoint, Uri queueEndpoint, StorageClientOptions options, Func<SharedKeyScheme, HttpPipelinePolicy> auth)
    {
        TableEndpoint = tableEndpoint;
        QueueEndpoint = queueEndpoint;
        Options = options;
        _tablePipeline = HttpPipelineBuilder.Build(options, [], [new StorageVersionPolicy(TableApiVersion), auth(SharedKeyScheme.TableLite)], new ResponseClassifier());
        _queuePipeline = HttpPipelineBuilder.Build(options, [], [new StorageVersionPolicy(QueueApiVersion), auth(SharedKeyScheme.Queue)], new ResponseClassifier());
    }

    public Uri TableEndpoint { get; }

    public Uri QueueEndpoint { get; }

    public StorageClientOptions Options { get; }

    /// <summary>An account reached with its name and key (connection strings, Azurite).</summary>
    public static StorageAccount FromConnectionString(string connectionString, StorageClientOptions? options = null)
    {
        var parsed = StorageConnectionString.Parse(connectionString);
        return new StorageAccount(
            parsed.TableEndpoint,
            parsed.QueueEndpoint,
            options ?? new StorageClientOptions(),
            scheme => new SharedKeyPolicy(parsed.AccountName, parsed.AccountKey, scheme));
    }

    /// <summary>An account reached with Microsoft Entra tokens (managed identity and friends).</summary>
    public static StorageAccount FromTokenCredential(Uri tableEndpoint, Uri queueEndpoint, TokenCredential credential, StorageClientOptions? options = null) =>
        new(tableEndpoint, queueEndpoint, options ?? new StorageClientOptions(), _ => new BearerTokenAuthenticationPolicy(credential, StorageScope));

    /// <summary>
    /// Reads a Functions-style storage connection from app settings: either a connection string under
    /// <paramref name="connectionName"/>, or identity-based settings <c>{name}__accountName</c>,
    /// <c>{name}__tableServiceUri</c>, <c>{name}__queueServiceUri</c>, <c>{name}__credential</c> and
    /// <c>{name}__clientId</c>.
    /// </summary>
    public static StorageAccount FromConfiguration(IConfiguration configuration, string connectionName = "AzureWebJobsStorage", StorageClientOptions? options = null)
    {
        var connectionString = configuration[connectionName];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return FromConnectionString(connectionString, options);
        }

        var section = configuration.GetSection(connectionName);
        var accountName = section["accountName"];
        var tableUri = UriSetting(section, connectionName, "tableServiceUri") ?? AccountUri(accountName, "table");
        var queueUri = UriSetting(section, connectionName, "queueServiceUri") ?? AccountUri(accountName, "queue");
        if (tableUri is null || queueUri is null)
        {
            throw new InvalidOperationException(
                $"Storage is not configured: set {connectionName} to a connection string (UseDevelopmentStorage=true for Azurite), " +
                $"or {connectionName}__accountName (or both {connectionName}__tableServiceUri and {connectionName}__queueServiceUri) for identity-based access.");
        }

        return FromTokenCredential(tableUri, queueUri, CreateCredential(section), options);
    }

    public TableClient GetTableClient(string tableName) =>
        new(new StorageRequestSender(_tablePipeline, "Table", TableEndpoint), tableName);

    public QueueClient GetQueueClient(string queueName) =>
        new(new StorageRequestSender(_queuePipeline, "Queue", QueueEndpoint), queueName, Options.MessageEncoding);

    private static TokenCredential CreateCredential(IConfigurationSection section)
    {
        var clientId = section["clientId"];
        if (string.Equals(section["credential"], "managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            return new ManagedIdentityCredential(string.IsNullOrEmpty(clientId)
                ? ManagedIdentityId.SystemAssigned
                : ManagedIdentityId.FromUserAssignedClientId(clientId));
        }

        return new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId });
    }

    private static Uri? AccountUri(string? accountName, string service) =>
        string.IsNullOrWhiteSpace(accountName) ? null : new Uri($"https://{accountName}.{service}.core.windows.net");

    private static Uri? UriSetting(IConfigurationSection section, string connectionName, string key)
    {
        var value = section[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return Uri.TryCreate(value, UriKind.Absolute, out var uri)
            ? uri
            : throw new InvalidOperationException($"{connectionName}__{key} is not an absolute URL.");
    }
}
