using Ingest.Core.Model;

namespace Ingest.Core.Deliveries;

/// <summary>The <c>digests</c> queue.</summary>
public interface IDigestQueue
{
    Task EnqueueAsync(DigestPeriod period, CancellationToken cancellationToken);
}
