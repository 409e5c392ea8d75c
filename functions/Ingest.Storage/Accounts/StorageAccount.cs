using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace Ingest.Storage.Accounts;

/// <summary>
/// One storage account as the Azure SDK reaches it: a <see cref="TableServiceClient"/> and a
/// <see cref="QueueServiceClient"/> built from a Functions-style connection setting, handing out table and queue
/// clients that share their pipelines.
/// </summary>
public sealed class StorageAccount(TableServiceClient tables, QueueServiceClient queues)
{
    /// <summary>The well-known development account every Azurite instance accepts.</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    public const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public TableServiceClient Tables { get; } = tables;

    public QueueServiceClient Queues { get; } = queues;

    public Uri TableEndpoint => Tables.Uri;

    public Uri QueueEndpoint => Queues.Uri;

    /// <summary>
    /// An account reached with a connection string: <c>UseDevelopmentStorage=true</c> for Azurite, an account name and
    /// key, or explicit <c>TableEndpoint</c>/<c>QueueEndpoint</c>. A string the SDK cannot read fails with a message that
    /// names the setting and never repeats the key.
    /// </summary>
    public static StorageAccount FromConnectionString(string connectionString, StorageClientOptions? options = null, string settingName = StorageSettings.Connection)
    {
        options ??= new StorageClientOptions();
        try
        {
            return new StorageAccount(new TableServiceClient(connectionString, options.ForTables()), new QueueServiceClient(connectionString, options.ForQueues()));
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            throw new InvalidOperationException($"{settingName} is not a storage connection string the Azure SDK can read (UseDevelopmentStorage=true, AccountName=…;AccountKey=…, or TableEndpoint=…;QueueEndpoint=…).", ex);
        }
    }

    /// <summary>An account reached with Microsoft Entra tokens (managed identity and friends).</summary>
    public static StorageAccount FromTokenCredential(Uri tableEndpoint, Uri queueEndpoint, TokenCredential credential, StorageClientOptions? options = null)
    {
        options ??= new StorageClientOptions();
        return new StorageAccount(new TableServiceClient(tableEndpoint, credential, options.ForTables()), new QueueServiceClient(queueEndpoint, credential, options.ForQueues()));
    }

    /// <summary>
    /// Reads a storage connection the way the Functions host does: a connection string under
    /// <paramref name="connectionName"/>, or identity-based settings <c>{name}__accountName</c>,
    /// <c>{name}__tableServiceUri</c>, <c>{name}__queueServiceUri</c>, <c>{name}__credential</c> and
    /// <c>{name}__clientId</c>.
    /// </summary>
    public static StorageAccount FromConfiguration(IConfiguration configuration, string connectionName = StorageSettings.Connection, StorageClientOptions? options = null)
    {
        var connectionString = configuration[connectionName];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return FromConnectionString(connectionString, options, connectionName);
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

    public TableClient GetTableClient(string tableName) => Tables.GetTableClient(tableName);

    public QueueClient GetQueueClient(string queueName) => Queues.GetQueueClient(queueName);

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
