using Azure.Data.Tables;
using Azure.Storage.Queues;
using Ingest.Storage;
using Ingest.Storage.Accounts;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Ingest.Testing;

/// <summary>
/// A class fixture on the shared Azurite: hands each test its own freshly named table or queue,
/// so test classes run in parallel without seeing each other's rows or messages.
/// </summary>
public sealed class StorageFixture(IMessageSink diagnostics) : IAsyncLifetime
{
    private int _counter;

    public AzuriteServer Server { get; private set; } = null!;

    public StorageAccount Account { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await AzuriteServer.GetAsync();
        Account = CreateAccount();
        diagnostics.OnMessage(new DiagnosticMessage($"Storage tests run against Azurite: tables {Server.TableEndpoint}, queues {Server.QueueEndpoint}"));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A second, independent client on the same account (for races between two writers).</summary>
    public StorageAccount CreateAccount(StorageClientOptions? options = null) =>
        StorageAccount.FromConnectionString(Server.ConnectionString, options);

    public async Task<TableClient> NewTableAsync()
    {
        var table = Account.GetTableClient(UniqueName("t", ""));
        await table.CreateIfNotExistsAsync();
        return table;
    }

    public async Task<QueueClient> NewQueueAsync()
    {
        var queue = Account.GetQueueClient(UniqueName("q", "-"));
        await queue.CreateIfNotExistsAsync();
        return queue;
    }

    private string UniqueName(string prefix, string separator) =>
        $"{prefix}{separator}{Guid.NewGuid().ToString("N")[..12]}{separator}{Interlocked.Increment(ref _counter)}";
}
