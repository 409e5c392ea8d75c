using Azure.Core;

namespace Ingest.Storage;

/// <summary>Options shared by the table and queue clients: Azure.Core's retry, diagnostics and transport settings.</summary>
public sealed class StorageClientOptions : ClientOptions
{
    /// <summary>How queue message text travels on the wire. The Functions queue trigger expects base64 by default.</summary>
    public QueueMessageEncoding MessageEncoding { get; set; } = QueueMessageEncoding.Base64;
}

public enum QueueMessageEncoding
{
    Base64,
    None,
}
