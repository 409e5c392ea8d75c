using Azure.Core;
using Azure.Core.Pipeline;

namespace Ingest.Storage.Pipeline;

/// <summary>Stamps each try with the REST API version and a fresh request date, which SharedKey signs.</summary>
internal sealed class StorageVersionPolicy(string apiVersion) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        message.Request.Headers.SetValue("x-ms-version", apiVersion);
        message.Request.Headers.SetValue("x-ms-date", DateTimeOffset.UtcNow.ToString("r"));
    }
}
