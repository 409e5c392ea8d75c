namespace Ingest.Storage.Accounts;

/// <summary>
/// The storage app settings as a deployment with a managed identity sets them. A connection string in
/// <c>AzureWebJobsStorage</c>, or the <c>__tableServiceUri</c>/<c>__queueServiceUri</c>/<c>__clientId</c> forms,
/// are the alternatives <see cref="StorageAccount.FromConfiguration"/> also reads (Azurite, other clouds, a
/// user-assigned identity).
/// </summary>
public static class StorageSettings
{
    public const string Connection = "AzureWebJobsStorage";

    /// <summary>Every app setting a deployment sets for storage; the deployment tests check the templates set each.</summary>
    public static IReadOnlyList<string> Keys { get; } = [$"{Connection}__accountName", $"{Connection}__credential"];
}
