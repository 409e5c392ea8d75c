using Ingest.Core.Model;
using Ingest.Storage.Accounts;

namespace Ingest.Storage;

/// <summary>The tables Ingest keeps, named in one place, and the creation of them and of every queue (named in Core's <see cref="QueueNames"/>, which the triggers read too).</summary>
public static class StorageLayout
{
    public const string Feeds = "Feeds";
    public const string Articles = "Articles";
    public const string Hits = "Hits";
    public const string Subscribers = "Subscribers";
    public const string Deliveries = "Deliveries";
    public const string Runs = "Runs";
    public const string Stories = "Stories";
    public const string Spikes = "Spikes";

    public static IReadOnlyList<string> Tables { get; } = [Feeds, Articles, Hits, Subscribers, Deliveries, Runs, Stories, Spikes];

    /// <summary>Creates every table, queue and poison queue that does not exist yet; returns the names it created.</summary>
    public static async Task<IReadOnlyList<string>> EnsureCreatedAsync(StorageAccount account, CancellationToken cancellationToken = default)
    {
        var created = new List<string>();
        foreach (var table in Tables)
        {
            // The SDK answers an existing table with its 409 response and no table item.
            if ((await account.GetTableClient(table).CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false)).GetRawResponse().Status is 201 or 204)
            {
                created.Add(table);
            }
        }

        foreach (var queue in QueueNames.All.SelectMany(q => new[] { q, QueueNames.Poison(q) }))
        {
            // 201 creates; an existing queue answers 204 (same metadata), or no response at all.
            if ((await account.GetQueueClient(queue).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))?.Status == 201)
            {
                created.Add(queue);
            }
        }

        return created;
    }
}
