using Ingest.Storage.Accounts;
using Ingest.Testing;
using Microsoft.Extensions.Configuration;

namespace Ingest.Storage.Tests;

public sealed class StorageAccountTests
{
    [Fact]
    public void Development_storage_points_at_azurite_default_ports()
    {
        var account = StorageAccount.FromConnectionString("UseDevelopmentStorage=true");

        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), account.TableEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), account.QueueEndpoint);
    }

    [Fact]
    public void Account_connection_strings_build_endpoints_from_protocol_and_suffix_unless_given()
    {
        var key = Convert.ToBase64String(new byte[32]);

        var cloud = StorageAccount.FromConnectionString($"DefaultEndpointsProtocol=https;AccountName=ingestprod;AccountKey={key};EndpointSuffix=core.usgovcloudapi.net");
        var explicitEndpoints = StorageAccount.FromConnectionString($"AccountName=a;AccountKey={key};TableEndpoint=http://10.0.0.5:9000/a;QueueEndpoint=http://10.0.0.5:9001/a");

        Assert.Equal(new Uri("https://ingestprod.table.core.usgovcloudapi.net/"), cloud.TableEndpoint);
        Assert.Equal(new Uri("https://ingestprod.queue.core.usgovcloudapi.net/"), cloud.QueueEndpoint);
        Assert.Equal(new Uri("http://10.0.0.5:9000/a"), explicitEndpoints.TableEndpoint);
        Assert.Equal(new Uri("http://10.0.0.5:9001/a"), explicitEndpoints.QueueEndpoint);
    }

    [Theory]
    [InlineData("AccountKey=c2VjcmV0")]
    [InlineData("AccountName=a;AccountKey=not*base64")]
    [InlineData("AccountName=a;junk")]
    public void Bad_connection_strings_name_the_setting_without_echoing_the_key(string connectionString)
    {
        var error = Assert.Throws<InvalidOperationException>(() => StorageAccount.FromConfiguration(Settings(("AzureWebJobsStorage", connectionString))));

        Assert.StartsWith("AzureWebJobsStorage is not a storage connection string", error.Message);
        Assert.DoesNotContain("c2VjcmV0", error.Message);
        Assert.DoesNotContain("not*base64", error.Message);
    }

    [Fact]
    public void Settings_with_a_connection_string_give_shared_key_clients_on_its_endpoints()
    {
        var account = StorageAccount.FromConfiguration(Settings(("AzureWebJobsStorage", "UseDevelopmentStorage=true")));

        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1/Feeds"), account.GetTableClient("Feeds").Uri);
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1/feed-polls"), account.GetQueueClient("feed-polls").Uri);
    }

    [Fact]
    public void Identity_settings_derive_endpoints_from_the_account_name()
    {
        var account = StorageAccount.FromConfiguration(Settings(
            ("AzureWebJobsStorage:accountName", "ingestprod"),
            ("AzureWebJobsStorage:credential", "managedidentity")));

        Assert.Equal(new Uri("https://ingestprod.table.core.windows.net"), account.TableEndpoint);
        Assert.Equal(new Uri("https://ingestprod.queue.core.windows.net"), account.QueueEndpoint);
    }

    [Fact]
    public void Identity_settings_take_explicit_service_uris()
    {
        var account = StorageAccount.FromConfiguration(Settings(
            ("AzureWebJobsStorage:tableServiceUri", "https://tables.example.test/"),
            ("AzureWebJobsStorage:queueServiceUri", "https://queues.example.test/")));

        Assert.Equal(new Uri("https://tables.example.test/"), account.TableEndpoint);
        Assert.Equal(new Uri("https://queues.example.test/"), account.QueueEndpoint);
    }

    [Fact]
    public void Missing_storage_settings_name_every_way_to_configure_it()
    {
        var error = Assert.Throws<InvalidOperationException>(() => StorageAccount.FromConfiguration(Settings()));

        Assert.Contains("AzureWebJobsStorage", error.Message);
        Assert.Contains("UseDevelopmentStorage=true", error.Message);
        Assert.Contains("AzureWebJobsStorage__accountName", error.Message);
    }

    [Fact]
    public async Task A_stopped_storage_service_fails_with_a_message_naming_the_endpoint()
    {
        var port = LoopbackPort.GetUnused();
        var account = StorageAccount.FromConnectionString(
            $"AccountName=devstoreaccount1;AccountKey={StorageAccount.DevelopmentAccountKey};TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{port}/devstoreaccount1",
            new StorageClientOptions { MaxRetries = 1 });

        var table = await Assert.ThrowsAnyAsync<Exception>(() => account.GetTableClient("Feeds").CreateIfNotExistsAsync());
        var queue = await Assert.ThrowsAnyAsync<Exception>(() => account.GetQueueClient("feed-polls").SendMessageAsync("x"));

        Assert.All(new[] { table, queue }, failure =>
        {
            Assert.True(StorageFailure.Is(failure), failure.ToString());
            Assert.StartsWith("cannot reach storage: ", StorageFailure.Describe(failure));
            Assert.Contains($"127.0.0.1:{port}", StorageFailure.Describe(failure));
            Assert.DoesNotContain('\n', StorageFailure.Describe(failure));
        });
    }

    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
