using Ingest.Core.Model;

namespace Ingest.Testing.Fakes;

/// <summary>
/// The in-memory stores' storage account: <see cref="IStorageSetup"/> creates what it is asked once, and
/// <see cref="IStorageFaults"/> knows <see cref="Outage"/>, the failure an in-memory world throws for storage away.
/// </summary>
public sealed class InMemoryStorage(IReadOnlyList<string> names) : IStorageSetup, IStorageFaults
{
    private readonly HashSet<string> _created = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Storage not answering, as a fake store throws it.</summary>
    public static Exception Outage() => new StorageOutageException("cannot reach storage: the in-memory account is away");

    public Task<IReadOnlyList<string>> EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<string>>([.. names.Where(_created.Add)]);
        }
    }

    public string? Explain(Exception exception, bool countConnections = false) => exception switch
    {
        StorageOutageException outage => outage.Message,
        AggregateException { InnerExceptions: [var inner] } => Explain(inner, countConnections),
        IOException or HttpRequestException when countConnections => $"cannot reach storage: {exception.Message}",
        _ => null,
    };

    private sealed class StorageOutageException(string message) : Exception(message);
}
