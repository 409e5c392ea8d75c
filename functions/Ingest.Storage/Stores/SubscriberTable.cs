using Ingest.Core.Subscriptions;
using Ingest.Storage.Tables;

namespace Ingest.Storage.Stores;

/// <summary>The <c>Subscribers</c> table (partition <c>sub</c>, row key the subscriber id).</summary>
public sealed class SubscriberTable(TableClient table) : ISubscriberStore
{
    private const string Partition = "sub";

    public async Task<Subscriber?> GetAsync(string subscriberId, CancellationToken cancellationToken) =>
        await table.GetEntityIfExistsAsync(Partition, subscriberId, cancellationToken: cancellationToken).ConfigureAwait(false) is { } entity ? ToRecord(entity) : null;

    public async Task SaveAsync(Subscriber subscriber, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(Partition, subscriber.Id)
        {
            ["email"] = subscriber.Email,
            ["status"] = subscriber.Status.ToString(),
            ["topics"] = string.Join(',', subscriber.Topics),
            ["frequency"] = subscriber.Frequency.ToString(),
            ["hour"] = subscriber.Hour,
            ["timeZone"] = subscriber.TimeZone,
            ["weekday"] = subscriber.Weekday.ToString(),
            ["minScore"] = subscriber.MinScore ?? -1.0,
            ["createdAt"] = subscriber.CreatedAt,
            ["confirmedAt"] = subscriber.ConfirmedAt,
            ["confirmationSentAt"] = subscriber.ConfirmationSentAt,
            ["unsubscribedAt"] = subscriber.UnsubscribedAt,
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Subscriber>> ListAsync(CancellationToken cancellationToken)
    {
        var subscribers = new List<Subscriber>();
        await foreach (var entity in table.QueryAsync(TableFilter.Create($"PartitionKey eq {Partition}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            subscribers.Add(ToRecord(entity));
        }

        return subscribers;
    }

    private static Subscriber ToRecord(TableEntity e) => new(
        e.RowKey,
        e.GetString("email") ?? "",
        Enum.Parse<SubscriberStatus>(e.GetString("status") ?? nameof(SubscriberStatus.Pending)),
        (e.GetString("topics") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries),
        Enum.Parse<Frequency>(e.GetString("frequency") ?? nameof(Frequency.Daily)),
        e.GetInt32("hour") ?? 7,
        e.GetString("timeZone") ?? "UTC",
        Enum.Parse<DayOfWeek>(e.GetString("weekday") ?? nameof(DayOfWeek.Monday)),
        e.GetDouble("minScore") is { } score and >= 0 ? score : null,
        e.GetDateTimeOffset("createdAt") ?? default,
        e.GetDateTimeOffset("confirmedAt"),
        e.GetDateTimeOffset("confirmationSentAt"),
        e.GetDateTimeOffset("unsubscribedAt"));
}
