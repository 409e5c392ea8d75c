using Ingest.Core.Model;
namespace Ingest.Core.Subscriptions;

/// <summary>
/// The <c>subscription-requests</c> queue: valid subscribe requests, handled after the caller has its answer, so the
/// answer takes the same time whether the address is known or not.
/// </summary>
public interface ISubscriptionRequests
{
    Task EnqueueAsync(Subscriber request, CancellationToken cancellationToken);
}
