using Ingest.Core.Model;

namespace Ingest.Storage;

/// <summary>Core's view of <see cref="StorageFailure"/>: which failures are storage's, in one line each.</summary>
public sealed class StorageFaults : IStorageFaults
{
    public string? Explain(Exception exception, bool countConnections = false) =>
        (countConnections ? StorageFailure.IsOrConnectionFailure(exception) : StorageFailure.Is(exception))
            ? StorageFailure.Describe(exception)
            : null;
}
