using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace Ingest.Storage.Accounts;

/// <summary>
/// A storage connection as the Functions host reads it from app settings: a connection string under the connection
/// name, or identity-based settings <c>{name}__accountName</c> (or <c>__tableServiceUri</c> and
/// <c>__queueServiceUri</c>) with <c>__credential=managedidentity</c> and <c>__clientId</c>.
/// </summary>
public sealed record StorageConnection(string Name, string? ConnectionString, Uri? TableServiceUri, Uri? QueueServiceUri, string? Credential, string? ClientId)
{
    /// <summary>Reads and checks the settings; what is missing or unreadable fails with one line naming the setting.</summary>
    public static StorageConnection Read(IConfiguration configuration, string name = StorageSettings.Connection)
    {
        var connectionString = configuration[name];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            try
            {
                // Both services must be reachable from it (a string with only a TableEndpoint is not enough).
                _ = new TableServiceClient(connectionString);
                _ = new Azure.Storage.Queues.QueueServiceClient(connectionString);
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
            {
                throw new InvalidOperationException($"{name} is not a storage connection string the Azure SDK can read (UseDevelopmentStorage=true, AccountName=…;AccountKey=…, or TableEndpoint=…;QueueEndpoint=…).", ex);
            }

            return new StorageConnection(name, connectionString, null, null, null, null);
        }

        var section = configuration.GetSection(name);
        var accountName = section["accountName"];
        var tableUri = UriSetting(section, name, "tableServiceUri") ?? AccountUri(accountName, "table");
        var queueUri = UriSetting(section, name, "queueServiceUri") ?? AccountUri(accountName, "queue");
        return tableUri is null || queueUri is null
            ? throw new InvalidOperationException(
                $"Storage is not configured: set {name} to a connection string (UseDevelopmentStorage=true for Azurite), " +
                $"or {name}__accountName (or both {name}__tableServiceUri and {name}__queueServiceUri) for identity-based access.")
            : new StorageConnection(name, null, tableUri, queueUri, section["credential"], section["clientId"]);
    }

    /// <summary>The credential identity-based settings ask for: the app's managed identity, else the default chain.</summary>
    public TokenCredential CreateCredential() =>
        string.Equals(Credential, "managedidentity", StringComparison.OrdinalIgnoreCase)
            ? new ManagedIdentityCredential(string.IsNullOrEmpty(ClientId) ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(ClientId))
            : new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = ClientId });

    /// <param name="credential">For identity-based settings; <see cref="CreateCredential"/> when null.</param>
    public StorageAccount Connect(StorageClientOptions? options = null, TokenCredential? credential = null) =>
        ConnectionString is { } connectionString
            ? StorageAccount.FromConnectionString(connectionString, options, Name)
            : StorageAccount.FromTokenCredential(TableServiceUri!, QueueServiceUri!, credential ?? CreateCredential(), options);

    private static Uri? AccountUri(string? accountName, string service) =>
        string.IsNullOrWhiteSpace(accountName) ? null : new Uri($"https://{accountName}.{service}.core.windows.net");

    private static Uri? UriSetting(IConfigurationSection section, string name, string key)
    {
        var value = section[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return Uri.TryCreate(value, UriKind.Absolute, out var uri)
            ? uri
            : throw new InvalidOperationException($"{name}__{key} is not an absolute URL.");
    }
}
