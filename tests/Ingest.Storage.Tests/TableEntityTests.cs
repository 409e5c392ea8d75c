using Azure;
using Ingest.Storage.Tables;
using Ingest.Testing;

namespace Ingest.Storage.Tests;

public sealed class TableEntityTests(StorageFixture storage) : IClassFixture<StorageFixture>
{
    [Fact]
    public async Task Create_if_not_exists_reports_whether_it_created()
    {
        var table = storage.Account.GetTableClient("created" + Guid.NewGuid().ToString("N")[..8]);

        Assert.True(await table.CreateIfNotExistsAsync());
        Assert.False(await table.CreateIfNotExistsAsync());
        Assert.True(await table.DeleteAsync());
        Assert.False(await table.DeleteAsync());
    }

    [Fact]
    public async Task Every_property_type_round_trips_with_timestamp_and_etag()
    {
        var table = await storage.NewTableAsync();
        var published = new DateTimeOffset(2026, 11, 22, 7, 30, 15, 123, TimeSpan.FromHours(1));
        var id = Guid.NewGuid();
        var entity = new TableEntity("feed", "b92")
        {
            ["Title"] = "KFOR патрола у Звечану",
            ["Enabled"] = true,
            ["Failures"] = 3,
            ["Ticks"] = long.MaxValue - 7,
            ["Score"] = 4.0,
            ["Ratio"] = 0.125,
            ["PublishedAt"] = published,
            ["Id"] = id,
            ["Hash"] = new byte[] { 0, 1, 254, 255 },
        };

        var added = await table.AddEntityAsync(entity);
        var read = await table.GetEntityAsync("feed", "b92");

        Assert.Equal("KFOR патрола у Звечану", read.GetString("Title"));
        Assert.True(read.GetBoolean("Enabled"));
        Assert.Equal(3, read.GetInt32("Failures"));
        Assert.Equal(long.MaxValue - 7, read.GetInt64("Ticks"));
        Assert.Equal(4.0, read.GetDouble("Score"));
        Assert.IsType<double>(read["Score"]);
        Assert.Equal(0.125, read.GetDouble("Ratio"));
        Assert.Equal(published, read.GetDateTimeOffset("PublishedAt"));
        Assert.Equal(id, read.GetGuid("Id"));
        Assert.Equal(new byte[] { 0, 1, 254, 255 }, read.GetBinary("Hash"));
        Assert.NotNull(read.Timestamp);
        Assert.Equal(added.Headers.ETag, read.ETag);
    }

    [Fact]
    public async Task A_property_the_row_does_not_have_reads_as_null_whatever_its_type()
    {
        var table = await storage.NewTableAsync();
        await table.AddEntityAsync(new TableEntity("feed", "sparse") { ["Title"] = "only a title" });

        var stored = await table.GetEntityAsync("feed", "sparse");

        Assert.Null(stored.GetDateTimeOffset("LastPolledAt"));
        Assert.Null(stored.GetGuid("Id"));
        Assert.Null(stored.GetBinary("Body"));
        Assert.Null(stored.GetInt32("Failures"));
        Assert.Null(stored.GetBoolean("Enabled"));
    }

    [Fact]
    public async Task Adding_an_existing_entity_is_a_conflict_with_its_error_code()
    {
        var table = await storage.NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["N"] = 1 });

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(new TableEntity("p", "r") { ["N"] = 2 }));

        Assert.Equal(409, error.Status);
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
        Assert.Equal(1, (await table.GetEntityAsync("p", "r")).GetInt32("N"));
    }

    [Fact]
    public async Task A_missing_entity_is_null_or_a_404_never_an_empty_entity()
    {
        var table = await storage.NewTableAsync();

        Assert.Null(await table.GetEntityIfExistsAsync("p", "missing"));
        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.GetEntityAsync("p", "missing"));
        Assert.Equal(404, error.Status);
        Assert.Equal("ResourceNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task Upsert_merge_keeps_other_properties_and_replace_drops_them()
    {
        var table = await storage.NewTableAsync();
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["A"] = "a", ["B"] = "b" });

        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["B"] = "b2" }, TableUpdateMode.Merge);
        var merged = await table.GetEntityAsync("p", "r");
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["C"] = "c" }, TableUpdateMode.Replace);
        var replaced = await table.GetEntityAsync("p", "r");

        Assert.Equal(("a", "b2"), (merged.GetString("A"), merged.GetString("B")));
        Assert.Equal([("C", (object?)"c")], replaced.Properties.Select(p => (p.Key, p.Value)));
    }

    [Fact]
    public async Task Of_two_clients_racing_on_one_etag_the_second_loses_with_412()
    {
        var table = await storage.NewTableAsync();
        await table.AddEntityAsync(new TableEntity("feed", "n1") { ["Etag"] = "v0" });
        var otherTable = storage.CreateAccount().GetTableClient(table.Name);

        var mine = await table.GetEntityAsync("feed", "n1");
        var theirs = await otherTable.GetEntityAsync("feed", "n1");
        theirs["Etag"] = "theirs";
        await otherTable.UpdateEntityAsync(theirs, theirs.ETag);
        mine["Etag"] = "mine";
        var lost = await Assert.ThrowsAsync<RequestFailedException>(() => table.UpdateEntityAsync(mine, mine.ETag));

        Assert.Equal(412, lost.Status);
        Assert.Equal("UpdateConditionNotSatisfied", lost.ErrorCode);
        Assert.Equal("theirs", (await table.GetEntityAsync("feed", "n1")).GetString("Etag"));
    }

    [Fact]
    public async Task Update_of_a_missing_entity_fails_instead_of_creating_it()
    {
        var table = await storage.NewTableAsync();

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.UpdateEntityAsync(new TableEntity("p", "nope") { ["A"] = 1 }, ETag.All));

        Assert.Equal(404, error.Status);
        Assert.Null(await table.GetEntityIfExistsAsync("p", "nope"));
    }

    [Fact]
    public async Task Delete_honours_the_etag_and_reports_what_it_deleted()
    {
        var table = await storage.NewTableAsync();
        var first = await table.AddEntityAsync(new TableEntity("p", "r") { ["V"] = 1 });
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["V"] = 2 });

        var stale = await Assert.ThrowsAsync<RequestFailedException>(() => table.DeleteEntityAsync("p", "r", first.Headers.ETag!.Value));
        Assert.Equal(412, stale.Status);
        Assert.True(await table.DeleteEntityAsync("p", "r"));
        Assert.False(await table.DeleteEntityAsync("p", "r"));
    }

    [Theory]
    [InlineData("O'Brien & Co", "a b+c%20d")]
    [InlineData("Приштина", "Mitrovicë-Митровица")]
    public async Task Keys_with_quotes_spaces_and_any_script_round_trip(string partitionKey, string rowKey)
    {
        var table = await storage.NewTableAsync();
        await table.AddEntityAsync(new TableEntity(partitionKey, rowKey) { ["V"] = "x" });

        var read = await table.GetEntityAsync(partitionKey, rowKey);
        await table.UpdateEntityAsync(read, read.ETag);

        Assert.Equal((partitionKey, rowKey), (read.PartitionKey, read.RowKey));
        Assert.True(await table.DeleteEntityAsync(partitionKey, rowKey));
    }

    [Fact]
    public async Task A_value_tables_cannot_store_is_refused_before_sending()
    {
        var table = await storage.NewTableAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => table.AddEntityAsync(new TableEntity("p", "r") { ["When"] = TimeSpan.FromHours(1) }));

        Assert.Contains("'When'", error.Message);
    }

    [Fact]
    public void Invalid_table_names_are_refused_with_the_rule()
    {
        var error = Assert.Throws<ArgumentException>(() => storage.Account.GetTableClient("feed-polls"));

        Assert.Contains("3 to 63 letters and digits", error.Message);
    }
}
