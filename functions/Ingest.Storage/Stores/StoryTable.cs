using Azure;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;
using Ingest.Core.Stories;

namespace Ingest.Storage.Stores;

/// <summary>
/// The <c>Stories</c> table: stories by the UTC day they were first seen (partition <c>yyyyMMdd</c>, row: story id),
/// and the band keys stories hold in one partition of their own (<see cref="KeyPartition"/>), so a story's keys are
/// claimed in one all-or-nothing transaction.
/// </summary>
public sealed class StoryTable(TableClient table) : IStoryStore
{
    public const string KeyPartition = "keys";

    /// <summary>Azure Table Storage allows 15 comparisons in one filter; one is the partition.</summary>
    private const int KeysPerQuery = 14;

    public async Task<IReadOnlyList<StoryClaim>> FindClaimsAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var claims = new List<StoryClaim>();
        foreach (var chunk in keys.Chunk(KeysPerQuery))
        {
            var rows = string.Join(" or ", chunk.Select(k => TableClient.CreateQueryFilter($"RowKey eq {k}")));
            await foreach (var row in table.QueryAsync<TableEntity>($"PartitionKey eq '{KeyPartition}' and ({rows})", cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                claims.Add(new StoryClaim(row.RowKey, row.GetString("storyId") ?? "", row.GetString("storyPartition") ?? "", row.GetDateTimeOffset("at") ?? default, row.ETag.ToString()));
            }
        }

        return claims;
    }

    public async Task<bool> TryReserveKeysAsync(IReadOnlyList<string> free, IReadOnlyList<StoryClaim> stale, Story story, DateTimeOffset at, CancellationToken cancellationToken)
    {
        TableEntity Claim(string key) => new(KeyPartition, key) { ["storyId"] = story.Id, ["storyPartition"] = story.Partition, ["at"] = at };
        var actions = free.Select(k => new TableTransactionAction(TableTransactionActionType.Add, Claim(k)))
            .Concat(stale.Select(c => new TableTransactionAction(TableTransactionActionType.UpdateReplace, Claim(c.Key), new ETag(c.ETag))))
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
        StorySignature.Parse(row.GetString("signature")) is { } signature
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
                signature,
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
        ["signature"] = story.Signature.Serialize(),
        ["foundAt"] = story.FoundAt,
    };

    private static List<string> Words(string? text) => (text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
}
