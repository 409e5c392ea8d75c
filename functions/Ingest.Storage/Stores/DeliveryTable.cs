using Azure.Data.Tables;
using Ingest.Core.Deliveries;

namespace Ingest.Storage.Stores;

/// <summary>The <c>Deliveries</c> table (partition: the recipient, a subscriber's id or one of their push endpoints'; row key: period id).</summary>
public sealed class DeliveryTable(TableClient table) : IDeliveryStore
{
    public async Task<Delivery?> GetAsync(string subscriberId, string periodId, CancellationToken cancellationToken) =>
        await table.FindAsync(subscriberId, periodId, cancellationToken: cancellationToken).ConfigureAwait(false) is { } e ? ToDelivery(e) : null;

    public Task<IReadOnlyList<Delivery>> ListUpdatedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        QueryAsync(TableClient.CreateQueryFilter($"updatedAt ge {since}"), cancellationToken);

    public async Task<Delivery?> LatestOfAsync(string recipient, CancellationToken cancellationToken) =>
        (await QueryAsync(TableClient.CreateQueryFilter($"PartitionKey eq {recipient}"), cancellationToken).ConfigureAwait(false)).MaxBy(d => d.UpdatedAt);

    public Task<IReadOnlyList<Delivery>> ListFailedAsync(CancellationToken cancellationToken) =>
        QueryAsync(TableClient.CreateQueryFilter($"status eq {nameof(DeliveryStatus.Failed)}"), cancellationToken);

    private async Task<IReadOnlyList<Delivery>> QueryAsync(string filter, CancellationToken cancellationToken)
    {
        var found = new List<Delivery>();
        try
        {
            await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                found.Add(ToDelivery(row));
            }
        }
        catch (Azure.RequestFailedException ex) when (ex.ErrorCode == Azure.Data.Tables.Models.TableErrorCode.TableNotFound)
        {
            // No table yet, so no deliveries yet.
        }

        return found;
    }

    public static Delivery ToDelivery(TableEntity e) => new(
        e.PartitionKey,
        e.RowKey,
        Enum.Parse<DeliveryStatus>(e.GetString("status") ?? nameof(DeliveryStatus.Failed)),
        e.GetDateTimeOffset("updatedAt") ?? default,
        e.GetInt32("hitCount") ?? 0,
        e.GetString("messageId"),
        e.GetString("error"),
        e.ETag.ToString(),
        e.GetInt32("attempts") ?? 0,
        e.GetDateTimeOffset("firstFailedAt"));

    public async Task SaveAsync(Delivery delivery, CancellationToken cancellationToken) =>
        await table.UpsertEntityAsync(ToEntity(delivery), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);

    public Task<bool> TryClaimAsync(Delivery claim, Delivery? previous, CancellationToken cancellationToken) =>
        table.TryWriteAsync(ToEntity(claim), previous?.Version, cancellationToken);

    private static TableEntity ToEntity(Delivery delivery) => new(delivery.SubscriberId, delivery.PeriodId)
    {
        ["status"] = delivery.Status.ToString(),
        ["updatedAt"] = delivery.UpdatedAt,
        ["hitCount"] = delivery.HitCount,
        ["messageId"] = delivery.MessageId,
        ["error"] = delivery.Error is null ? null : FeedTable.Clip(delivery.Error, 1000),
        ["attempts"] = delivery.Attempts,
        ["firstFailedAt"] = delivery.FirstFailedAt,
    };
}
