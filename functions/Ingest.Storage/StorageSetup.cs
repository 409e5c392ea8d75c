using Ingest.Core.Model;
using Ingest.Storage.Accounts;

namespace Ingest.Storage;

/// <summary>Creates what <see cref="StorageLayout"/> lists, where it is missing.</summary>
public sealed class StorageSetup(StorageAccount account) : IStorageSetup
{
    public Task<IReadOnlyList<string>> EnsureCreatedAsync(CancellationToken cancellationToken) =>
        StorageLayout.EnsureCreatedAsync(account, cancellationToken);
}
