using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Ingest.Core.Model;
using Ingest.Core.Subscriptions;

namespace Ingest.Storage.Stores;

/// <summary>The <c>Subscribers</c> table (partition <c>sub</c>, row key the subscriber id); watches are a JSON array of their texts, push endpoints one of objects.</summary>
public sealed class SubscriberTable(TableClient table) : ISubscriberStore, IWatchList
{
    private const string Partition = "sub";

    /// <summary>Rate counters live beside the subscribers; listing reads partition <c>sub</c> only.</summary>
    private const string LimitPartition = "limit";

    public async Task<Subscriber?> GetAsync(string subscriberId, CancellationToken cancellationToken) =>
        await table.FindAsync(Partition, subscriberId, cancellationToken: cancellationToken).ConfigureAwait(false) is { } entity ? ToRecord(entity) : null;

    public async Task SaveAsync(Subscriber subscriber, CancellationToken cancellationToken) =>
        await table.UpsertEntityAsync(ToEntity(subscriber), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);

    public Task<bool> TrySaveAsync(Subscriber subscriber, CancellationToken cancellationToken) =>
        table.TryWriteAsync(ToEntity(subscriber), subscriber.ETag, cancellationToken);

    /// <summary>One counter row per UTC hour in partition <c>limit</c>, raised with If-Match so concurrent counts are never lost.</summary>
    public async Task<bool> TryCountConfirmationAsync(DateTimeOffset now, int perHour, CancellationToken cancellationToken)
    {
        var row = "confirmations-" + now.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);
        while (true)
        {
            var counter = await table.FindAsync(LimitPartition, row, cancellationToken: cancellationToken).ConfigureAwait(false);
            var count = counter?.GetInt32("count") ?? 0;
            if (count >= perHour)
            {
                return false;
            }

            var next = new TableEntity(LimitPartition, row) { ["count"] = count + 1 };
            if (await table.TryWriteAsync(next, counter?.ETag.ToString(), cancellationToken).ConfigureAwait(false))
            {
                return true;
            }

            // Another request counted at the same moment: read the new count and try again.
        }
    }

    private static TableEntity ToEntity(Subscriber subscriber) =>
        new(Partition, subscriber.Id)
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
            ["linkGeneration"] = subscriber.LinkGeneration,
            ["watches"] = subscriber.Watches is { Count: > 0 } watches ? JsonSerializer.Serialize(watches) : null,
            ["endpoints"] = subscriber.Endpoints is { Count: > 0 } endpoints ? JsonSerializer.Serialize(endpoints, EndpointJson) : null,
        };

    private static readonly JsonSerializerOptions EndpointJson = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    private static PushEndpoint[]? Endpoints(TableEntity e) =>
        e.GetString("endpoints") is { Length: > 0 } json && JsonSerializer.Deserialize<PushEndpoint[]>(json, EndpointJson) is { Length: > 0 } endpoints ? endpoints : null;

    /// <summary>Reads the two columns it needs of partition <c>sub</c>; a thousand subscribers are one page.</summary>
    public async Task<IReadOnlyList<string>> ListWatchesAsync(CancellationToken cancellationToken)
    {
        var watches = new List<string>();
        var active = nameof(SubscriberStatus.Active);
        await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and status eq {active}"), select: ["watches"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            watches.AddRange(Watches(entity));
        }

        return watches;
    }

    private static string[] Watches(TableEntity e) =>
        e.GetString("watches") is { Length: > 0 } json ? JsonSerializer.Deserialize<string[]>(json) ?? [] : [];

    public async Task<IReadOnlyList<Subscriber>> ListAsync(CancellationToken cancellationToken)
    {
        var subscribers = new List<Subscriber>();
        await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: cancellationToken).ConfigureAwait(false))
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
        e.GetDateTimeOffset("unsubscribedAt"),
        e.ETag == default ? null : e.ETag.ToString(),
        // Rows written before every link named a generation kept the feed's version, which it replaced.
        e.GetInt32("linkGeneration") ?? e.GetInt32("feedVersion") ?? 0,
        Watches(e) is { Length: > 0 } watches ? watches : null,
        Endpoints(e));
}
