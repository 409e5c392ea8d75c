using Azure;
using Ingest.Storage.Accounts;
using Ingest.Testing;
using Microsoft.Extensions.Configuration;

namespace Ingest.Storage.Tests;

public sealed class StorageAccountTests
{
    [Fact]
    public void Development_storage_points_at_azurite_default_ports()
    {
        var parsed = StorageConnectionString.Parse("UseDevelopmentStorage=true");

        Assert.Equal("devstoreaccount1", parsed.AccountName);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), parsed.TableEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), parsed.QueueEndpoint);
    }

    [Fact]
    public void Account_connection_strings_build_endpoints_from_protocol_and_suffix_unless_given()
    {
        var key = Convert.ToBase64String(new byte[32]);

        var cloud = StorageConnectionString.Parse($"DefaultEndpointsProtocol=https;AccountName=ingestprod;AccountKey={key};EndpointSuffix=core.usgovcloudapi.net");
        var explicitEndpoints = StorageConnectionString.Parse($"AccountName=a;AccountKey={key};TableEndpoint=http://10.0.0.5:9000/a;QueueEndpoint=http://10.0.0.5:9001/a");

        Assert.Equal(new Uri("https://ingestprod.table.core.usgovcloudapi.net"), cloud.TableEndpoint);
        Assert.Equal(new Uri("https://ingestprod.queue.core.usgovcloudapi.net"), cloud.QueueEndpoint);
        Assert.Equal(new Uri("http://10.0.0.5:9000/a"), explicitEndpoints.TableEndpoint);
        Assert.Equal(new Uri("http://10.0.0.5:9001/a"), explicitEndpoints.QueueEndpoint);
    }

    [Theory]
    [InlineData("AccountName=a", "no AccountKey")]
    [InlineData("AccountKey=c2VjcmV0", "no AccountName")]
    [InlineData("AccountName=a;AccountKey=not*base64", "AccountKey that is not valid base64")]
    [InlineData("AccountName=a;AccountKey=c2VjcmV0;TableEndpoint=ftp://x", "TableEndpoint that is not an http(s) URL")]
    [InlineData("AccountName=a;junk", "without a name=value form")]
    public void Bad_connection_strings_say_what_is_wrong_without_echoing_the_key(string connectionString, string expected)
    {
        var error = Assert.Throws<FormatException>(() => StorageConnectionString.Parse(connectionString));

        Assert.Contains(expected, error.Message);
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
        var key = StorageConnectionString.DevelopmentAccountKey;
        var options = new StorageClientOptions();
        options.Retry.MaxRetries = 1;
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        var account = StorageAccount.FromConnectionString(
            $"AccountName=devstoreaccount1;AccountKey={key};TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{port}/devstoreaccount1",
            options);

        var table = await Assert.ThrowsAsync<RequestFailedException>(() => account.GetTableClient("Feeds").CreateIfNotExistsAsync());
        var queue = await Assert.ThrowsAsync<RequestFailedException>(() => account.GetQueueClient("feed-polls").SendMessageAsync("x"));

        Assert.Equal(0, table.Status);
        Assert.Equal("ServiceUnreachable", table.ErrorCode);
        Assert.StartsWith($"Cannot reach Table storage at http://127.0.0.1:{port}/devstoreaccount1", table.Message);
        Assert.StartsWith($"Cannot reach Queue storage at http://127.0.0.1:{port}/devstoreaccount1", queue.Message);
    }

    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
