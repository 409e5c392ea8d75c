using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;
using Ingest.Core.Stories;

namespace Ingest.Storage.Stores;

/// <summary>
/// The <c>Stories</c> table: stories by the UTC day they were first seen (partition <c>yyyyMMdd</c>, row: story id),
/// and the keys stories are found by in one partition of their own (<see cref="KeyPartition"/>), so a new story's
/// keys are written in one all-or-nothing transaction. A key's row lists its stories as <c>id partition time</c>
/// triples, at most <see cref="StoryKey.MaxStories"/>.
/// </summary>
public sealed class StoryTable(TableClient table) : IStoryStore
{
    public const string KeyPartition = "keys";

    /// <summary>Azure Table Storage allows 15 comparisons in one filter; one is the partition.</summary>
    private const int KeysPerQuery = 14;

    public async Task<IReadOnlyList<StoryKey>> FindKeysAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var found = new List<StoryKey>();
        foreach (var chunk in keys.Distinct(StringComparer.Ordinal).Chunk(KeysPerQuery))
        {
            var rows = string.Join(" or ", chunk.Select(k => TableClient.CreateQueryFilter($"RowKey eq {k}")));
            await foreach (var row in table.QueryAsync<TableEntity>($"PartitionKey eq '{KeyPartition}' and ({rows})", cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                found.Add(new StoryKey(row.RowKey, Refs(row.GetString("stories")), row.ETag.ToString()));
            }
        }

        return found;
    }

    public async Task<bool> TryWriteKeysAsync(IReadOnlyList<StoryKey> keys, CancellationToken cancellationToken)
    {
        var actions = keys.Select(k => k.ETag is null
                ? new TableTransactionAction(TableTransactionActionType.Add, KeyRow(k))
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, KeyRow(k), new ETag(k.ETag)))
            .ToList();
        if (actions.Count == 0)
        {
            return true;
        }

        try
        {
            await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 || ex.ErrorCode == TableErrorCode.EntityAlreadyExists || ex.ErrorCode == TableErrorCode.UpdateConditionNotSatisfied)
        {
            return false;
        }
    }

    private static TableEntity KeyRow(StoryKey key) => new(KeyPartition, key.Key)
    {
        ["stories"] = string.Join(';', key.Stories.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Id} {r.Partition} {r.At.UtcTicks}"))),
    };

    private static List<StoryRef> Refs(string? text)
    {
        var refs = new List<StoryRef>();
        foreach (var fields in (text ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries).Select(part => part.Split(' ')))
        {
            if (fields.Length == 3 && long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
            {
                refs.Add(new StoryRef(fields[0], fields[1], new DateTimeOffset(ticks, TimeSpan.Zero)));
            }
        }

        return refs;
    }

    public async Task<Story?> GetAsync(string partition, string id, CancellationToken cancellationToken) =>
        await table.FindAsync(partition, id, cancellationToken: cancellationToken).ConfigureAwait(false) is { } row ? ToStory(row) : null;

    public async Task<Story?> TrySaveAsync(Story story, CancellationToken cancellationToken)
    {
        try
        {
            var response = story.ETag is null
                ? await table.AddEntityAsync(ToEntity(story), cancellationToken).ConfigureAwait(false)
                : await table.UpdateEntityAsync(ToEntity(story), new ETag(story.ETag), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return story with { ETag = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException ex) when (ex.IsLostRace())
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<Story>> ListAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var stories = new List<Story>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {StoryAssigner.Day(since)} and PartitionKey lt {KeyPartition} and foundAt ge {since}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (ToStory(row) is { } story)
            {
                stories.Add(story);
            }
        }

        return stories.OrderByDescending(s => s.LastSeen).ToList();
    }

    private static Story? ToStory(TableEntity row) =>
        Signatures(row.GetString("signatures") ?? row.GetString("signature")) is { Count: > 0 } signatures
            ? new Story(
                row.RowKey,
                row.PartitionKey,
                row.GetDateTimeOffset("firstSeen") ?? default,
                row.GetDateTimeOffset("lastSeen") ?? default,
                row.GetString("title") ?? "",
                row.GetString("bestArticleKey") ?? "",
                row.GetString("bestFeedId") ?? "",
                row.GetDouble("bestScore") ?? 0,
                row.GetInt32("articleCount") ?? 0,
                Words(row.GetString("feeds")),
                Words(row.GetString("topics")),
                Words(row.GetString("members")),
                signatures,
                EventProfile.Parse(row.GetString("profile")),
                row.GetDateTimeOffset("foundAt") ?? default,
                row.ETag.ToString())
            : null;

    private static TableEntity ToEntity(Story story) => new(story.Partition, story.Id)
    {
        ["firstSeen"] = story.FirstSeen,
        ["lastSeen"] = story.LastSeen,
        ["title"] = story.Title,
        ["bestArticleKey"] = story.BestArticleKey,
        ["bestFeedId"] = story.BestFeedId,
        ["bestScore"] = story.BestScore,
        ["articleCount"] = story.ArticleCount,
        ["feeds"] = string.Join(' ', story.Feeds),
        ["topics"] = string.Join(' ', story.Topics),
        ["members"] = string.Join(' ', story.Members),
        ["signatures"] = string.Join(' ', story.Signatures.Select(s => s.Serialize())),
        ["profile"] = story.Profile.Serialize(),
        ["foundAt"] = story.FoundAt,
    };

    private static List<StorySignature> Signatures(string? text) =>
        Words(text).Select(StorySignature.Parse).OfType<StorySignature>().ToList();

    private static List<string> Words(string? text) => (text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
}
