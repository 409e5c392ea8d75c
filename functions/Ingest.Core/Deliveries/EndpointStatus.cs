using System.Globalization;
using Ingest.Core.Model;

namespace Ingest.Core.Deliveries;

/// <summary>What the preferences page says of one push endpoint: how its latest delivery went, and why it failed.</summary>
public static class EndpointStatus
{
    public static async Task<string> DescribeAsync(IDeliveryStore deliveries, Subscriber subscriber, PushEndpoint endpoint, CancellationToken cancellationToken) =>
        Describe(await deliveries.LatestOfAsync(endpoint.RecipientOf(subscriber.Id), cancellationToken).ConfigureAwait(false));

    public static string Describe(Delivery? latest) => latest switch
    {
        null => "Nothing pushed yet.",
        { Status: DeliveryStatus.Failed } failed => $"The last push failed ({When(failed.UpdatedAt)}, {failed.Attempts} {(failed.Attempts == 1 ? "try" : "tries")}): {failed.Error}",
        { Status: DeliveryStatus.Empty } => $"Nothing to push at the last delivery ({When(latest.UpdatedAt)}).",
        _ => $"Last pushed {When(latest.UpdatedAt)}.",
    };

    private static string When(DateTimeOffset at) => at.UtcDateTime.ToString("d MMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
