using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace Ingest.Storage;

/// <summary>What Ingest sets on the SDK's table and queue clients; everything else keeps the SDK's defaults (retries included).</summary>
public sealed record StorageClientOptions
{
    /// <summary>How queue message text travels. The Functions queue trigger expects Base64, the SDK's default is none.</summary>
    public QueueMessageEncoding MessageEncoding { get; init; } = QueueMessageEncoding.Base64;

    /// <summary>Another transport (tests reach a loopback HTTPS server with their own certificate through it).</summary>
    public HttpPipelineTransport? Transport { get; init; }

    /// <summary>Retries after a failed request; null keeps the SDK's default (3, with exponential back-off).</summary>
    public int? MaxRetries { get; init; }

    internal TableClientOptions ForTables() => Apply(new TableClientOptions());

    // The newest queue API version Azurite 3.37 (the local and test emulator) accepts; Azure serves it too.
    internal QueueClientOptions ForQueues() => Apply(new QueueClientOptions(QueueClientOptions.ServiceVersion.V2026_06_06) { MessageEncoding = MessageEncoding });

    private T Apply<T>(T options) where T : Azure.Core.ClientOptions
    {
        // The SDK logs every non-2xx answer as "Error response" with its headers, and Ingest's conditional writes expect
        // 412s and 409s by design (a lost lease race, a row that is already there): dozens of alarming lines a minute
        // that say nothing. A storage failure that matters reaches the caller as an exception and is logged there,
        // once, without headers. Distributed tracing stays on.
        options.Diagnostics.IsLoggingEnabled = false;
        if (Transport is not null)
        {
            options.Transport = Transport;
        }

        if (MaxRetries is { } retries)
        {
            options.Retry.MaxRetries = retries;
            options.Retry.Delay = TimeSpan.FromMilliseconds(50);
        }

        return options;
    }
}
