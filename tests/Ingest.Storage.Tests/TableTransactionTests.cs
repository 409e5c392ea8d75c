using Azure;
using Ingest.Storage.Tables;
using Ingest.Testing;

namespace Ingest.Storage.Tests;

public sealed class TableTransactionTests(StorageFixture storage) : IClassFixture<StorageFixture>
{
    [Fact]
    public async Task A_hundred_actions_commit_together()
    {
        var table = await storage.NewTableAsync();

        var results = await table.SubmitTransactionAsync(Enumerable.Range(0, 100)
            .Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("hits", $"r{i:D3}") { ["I"] = i })));

        Assert.Equal(100, results.Count);
        Assert.All(results, r => Assert.Equal(204, r.Status));
        Assert.Equal(100, await table.QueryAsync().CountAsync());
    }

    [Fact]
    public async Task One_failing_action_rolls_back_the_others_and_names_its_index()
    {
        var table = await storage.NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "taken"));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "new1")),
            new(TableTransactionActionType.Add, new TableEntity("p", "new2")),
            new(TableTransactionActionType.Add, new TableEntity("p", "taken")),
        ]));

        Assert.Equal(409, error.Status);
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
        Assert.Contains("action 2", error.Message);
        Assert.Null(await table.GetEntityIfExistsAsync("p", "new1"));
        Assert.Null(await table.GetEntityIfExistsAsync("p", "new2"));
    }

    [Fact]
    public async Task A_stale_etag_inside_a_transaction_changes_nothing()
    {
        var table = await storage.NewTableAsync();
        var stale = (await table.AddEntityAsync(new TableEntity("p", "a") { ["V"] = 1 })).Headers.ETag!.Value;
        await table.UpsertEntityAsync(new TableEntity("p", "a") { ["V"] = 2 });

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.UpsertReplace, new TableEntity("p", "b") { ["V"] = 9 }),
            new(TableTransactionActionType.UpdateMerge, new TableEntity("p", "a") { ["V"] = 3 }, stale),
        ]));

        Assert.Equal(412, error.Status);
        Assert.Equal(2, (await table.GetEntityAsync("p", "a")).GetInt32("V"));
        Assert.Null(await table.GetEntityIfExistsAsync("p", "b"));
    }

    [Fact]
    public async Task Mixed_actions_apply_with_their_etags()
    {
        var table = await storage.NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "keep") { ["A"] = "a", ["B"] = "b" });
        await table.AddEntityAsync(new TableEntity("p", "gone"));
        var keep = await table.GetEntityAsync("p", "keep");

        var results = await table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.UpdateMerge, new TableEntity("p", "keep") { ["B"] = "b2" }, keep.ETag),
            new(TableTransactionActionType.Delete, new TableEntity("p", "gone")),
            new(TableTransactionActionType.UpsertMerge, new TableEntity("p", "fresh") { ["C"] = "c" }),
        ]);

        var merged = await table.GetEntityAsync("p", "keep");
        Assert.Equal(("a", "b2"), (merged.GetString("A"), merged.GetString("B")));
        Assert.Equal(merged.ETag, results[0].ETag);
        Assert.Null(await table.GetEntityIfExistsAsync("p", "gone"));
        Assert.Equal("c", (await table.GetEntityAsync("p", "fresh")).GetString("C"));
    }

    [Fact]
    public async Task Transactions_outside_the_service_limits_are_refused_before_sending()
    {
        var table = await storage.NewTableAsync();

        var tooMany = await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(Enumerable.Range(0, 101)
            .Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", i.ToString())))));
        var twoPartitions = await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p1", "r")),
            new(TableTransactionActionType.Add, new TableEntity("p2", "r")),
        ]));

        Assert.Contains("1 to 100", tooMany.Message);
        Assert.Contains("same partition key", twoPartitions.Message);
        Assert.Empty(await table.QueryAsync().ToListAsync());
    }
}
