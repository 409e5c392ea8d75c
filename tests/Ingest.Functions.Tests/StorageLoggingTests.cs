using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using Ingest.Composition;
using Ingest.Storage.Accounts;
using Ingest.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ingest.Functions.Tests;

/// <summary>
/// What the composed storage clients write to the log when a write loses a race by design, over Azurite: a row
/// that is already there (409) and a stale ETag (412) reach the caller as exceptions and leave the log alone.
/// </summary>
public sealed class StorageLoggingTests
{
    [Fact]
    public async Task A_lost_conditional_write_is_no_error_response_in_the_log_and_dumps_no_headers()
    {
        var azurite = await AzuriteServer.GetAsync();
        var logged = new ConcurrentQueue<string>();
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["TopicsPath"] = Path.Combine(RepositoryRoot.Path, "seeds", "topics.json"),
            ["PublicBaseUrl"] = "http://localhost:7071/",
            ["SubscriptionSigningKey"] = "storage-logging-tests-signing-key",
        }).Build();
        await using var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(new QueueLoggerProvider(logged)))
            .AddIngest(settings)
            .BuildServiceProvider();
        var table = services.GetRequiredService<StorageAccount>().GetTableClient($"logging{Guid.NewGuid():N}"[..20]);
        await table.CreateIfNotExistsAsync();

        var added = await table.AddEntityAsync(new TableEntity("feed", "lease") { ["Owner"] = "one" });
        var conflict = await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(new TableEntity("feed", "lease") { ["Owner"] = "two" }));
        await table.UpdateEntityAsync(new TableEntity("feed", "lease") { ["Owner"] = "three" }, added.Headers.ETag!.Value, TableUpdateMode.Replace);
        var stale = await Assert.ThrowsAsync<RequestFailedException>(() =>
            table.UpdateEntityAsync(new TableEntity("feed", "lease") { ["Owner"] = "four" }, added.Headers.ETag!.Value, TableUpdateMode.Replace));

        Assert.Equal((409, 412), (conflict.Status, stale.Status));
        Assert.DoesNotContain(logged, line => line.Contains("Error response", StringComparison.Ordinal) || line.Contains("x-ms-request-id", StringComparison.Ordinal));
    }

    private sealed class QueueLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new QueueLogger(categoryName, lines);

        public void Dispose()
        {
        }
    }

    private sealed class QueueLogger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)}");
    }
}
