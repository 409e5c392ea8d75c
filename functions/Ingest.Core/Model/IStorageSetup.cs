namespace Ingest.Core.Model;

/// <summary>Creates the tables and queues Ingest keeps, where they are missing.</summary>
public interface IStorageSetup
{
    /// <returns>The names of what was created.</returns>
    Task<IReadOnlyList<string>> EnsureCreatedAsync(CancellationToken cancellationToken);
}
