using Ingest.Storage.Tables;
using Ingest.Testing;

namespace Ingest.Storage.Tests;

public sealed class TableQueryTests(StorageFixture storage) : IClassFixture<StorageFixture>
{
    [Fact]
    public async Task Filter_by_partition_and_select_return_only_what_was_asked()
    {
        var table = await storage.NewTableAsync();
        await table.AddEntityAsync(new TableEntity("kfor", "1") { ["Title"] = "a", ["Score"] = 3.5 });
        await table.AddEntityAsync(new TableEntity("kfor", "2") { ["Title"] = "b", ["Score"] = 1.0 });
        await table.AddEntityAsync(new TableEntity("arms", "1") { ["Title"] = "c", ["Score"] = 9.0 });

        var rows = await table.QueryAsync(TableFilter.Create($"PartitionKey eq {"kfor"} and Score ge {2.0}"), select: ["Title"]).ToListAsync();

        var row = Assert.Single(rows);
        Assert.Equal(("kfor", "1", "a"), (row.PartitionKey, row.RowKey, row.GetString("Title")));
        Assert.False(row.Properties.ContainsKey("Score"));
    }

    [Fact]
    public async Task Quoted_values_cannot_widen_a_filter()
    {
        var table = await storage.NewTableAsync();
        await table.AddEntityAsync(new TableEntity("secret", "1"));

        var hostile = "x' or PartitionKey ne 'x";
        var rows = await table.QueryAsync(TableFilter.Create($"PartitionKey eq {hostile}")).ToListAsync();

        Assert.Empty(rows);
    }

    [Fact]
    public async Task Paging_follows_continuation_tokens_past_a_thousand_entities()
    {
        var table = await storage.NewTableAsync();
        const int count = 1_050;
        for (var start = 0; start < count; start += TableClient.MaxTransactionActions)
        {
            var actions = Enumerable.Range(start, Math.Min(TableClient.MaxTransactionActions, count - start))
                .Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", i.ToString("D5")) { ["I"] = i }));
            await table.SubmitTransactionAsync(actions);
        }

        var pages = await table.QueryAsync(TableFilter.Create($"PartitionKey eq {"p"}")).AsPages().ToListAsync();
        var resumed = await table.QueryAsync().AsPages(pages[0].ContinuationToken).ToListAsync();

        Assert.Equal(1_000, pages[0].Values.Count);
        Assert.NotNull(pages[0].ContinuationToken);
        Assert.Equal(Enumerable.Range(0, count), pages.SelectMany(p => p.Values).Select(e => e.GetInt32("I")!.Value));
        Assert.Equal(Enumerable.Range(1_000, 50), resumed.SelectMany(p => p.Values).Select(e => e.GetInt32("I")!.Value));
    }

    [Fact]
    public async Task Max_per_page_caps_each_page()
    {
        var table = await storage.NewTableAsync();
        await table.SubmitTransactionAsync(Enumerable.Range(0, 25)
            .Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", i.ToString("D2")))));

        var pages = await table.QueryAsync(maxPerPage: 10).AsPages().ToListAsync();

        Assert.Equal([10, 10, 5], pages.Select(p => p.Values.Count));
    }
}
