using Azure.Core;
using Azure.Data.Tables;
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

    /// <summary>Reads a Functions-style storage connection (<see cref="StorageConnection.Read"/>) and connects to it.</summary>
    public static StorageAccount FromConfiguration(IConfiguration configuration, string connectionName = StorageSettings.Connection, StorageClientOptions? options = null) =>
        StorageConnection.Read(configuration, connectionName).Connect(options);

    public TableClient GetTableClient(string tableName) => Tables.GetTableClient(tableName);

    public QueueClient GetQueueClient(string queueName) => Queues.GetQueueClient(queueName);
}
