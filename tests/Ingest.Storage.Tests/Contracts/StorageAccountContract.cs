using Ingest.Core.Model;
using Ingest.Storage.Accounts;
using Ingest.Testing;
using Ingest.Testing.Fakes;

namespace Ingest.Storage.Tests.Contracts;

/// <summary>
/// What every <see cref="IStorageSetup"/> and <see cref="IStorageFaults"/> do: what is missing is created once, and
/// storage away is told from any other failure in one line.
/// </summary>
public abstract class StorageAccountContract
{
    protected abstract Task<(IStorageSetup Setup, IStorageFaults Faults, Func<Task<Exception>> Outage)> NewAsync();

    [Fact]
    public async Task What_is_missing_is_created_once()
    {
        var (setup, _, _) = await NewAsync();

        var first = await setup.EnsureCreatedAsync(CancellationToken.None);
        var second = await setup.EnsureCreatedAsync(CancellationToken.None);

        Assert.Contains(QueueNames.Digests, first);
        Assert.Contains(QueueNames.Poison(QueueNames.Digests), first);
        Assert.Empty(second);
    }

    [Fact]
    public async Task Storage_away_is_explained_in_one_line_and_a_bug_is_not()
    {
        var (_, faults, outage) = await NewAsync();

        var explained = faults.Explain(await outage());

        Assert.NotNull(explained);
        Assert.StartsWith("cannot reach storage", explained);
        Assert.DoesNotContain('\n', explained);
        Assert.Null(faults.Explain(new ArgumentException("a bug, not storage")));
        Assert.Null(faults.Explain(new IOException("a socket reset under some other call")));
        Assert.NotNull(faults.Explain(new IOException("a socket reset under a storage call"), countConnections: true));
    }
}

public sealed class AzureStorageAccountContractTests(StorageFixture storage) : StorageAccountContract, IClassFixture<StorageFixture>
{
    protected override Task<(IStorageSetup Setup, IStorageFaults Faults, Func<Task<Exception>> Outage)> NewAsync() =>
        Task.FromResult<(IStorageSetup, IStorageFaults, Func<Task<Exception>>)>((new StorageSetup(storage.Account), new StorageFaults(), OutageAsync));

    /// <summary>The SDK's own failure from an account whose endpoints answer nothing, as a storage outage throws it.</summary>
    private static async Task<Exception> OutageAsync()
    {
        var port = LoopbackPort.GetUnused();
        var away = StorageAccount.FromConnectionString(
            $"AccountName=devstoreaccount1;AccountKey={StorageAccount.DevelopmentAccountKey};TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{port}/devstoreaccount1",
            new StorageClientOptions { MaxRetries = 1 });
        try
        {
            await away.GetTableClient(StorageLayout.Feeds).CreateIfNotExistsAsync();
        }
        catch (Exception ex)
        {
            return ex;
        }

        throw new InvalidOperationException("storage answered on an unused port");
    }
}

public sealed class InMemoryStorageAccountContractTests : StorageAccountContract
{
    protected override Task<(IStorageSetup Setup, IStorageFaults Faults, Func<Task<Exception>> Outage)> NewAsync()
    {
        var storage = new InMemoryStorage([.. QueueNames.All.SelectMany(q => new[] { q, QueueNames.Poison(q) })]);
        return Task.FromResult<(IStorageSetup, IStorageFaults, Func<Task<Exception>>)>((storage, storage, () => Task.FromResult(InMemoryStorage.Outage())));
    }
}
