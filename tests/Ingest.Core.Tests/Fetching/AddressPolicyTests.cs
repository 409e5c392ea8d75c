using System.Net;
using Ingest.Core.Fetching;
using Ingest.Testing;

namespace Ingest.Core.Tests.Fetching;

[CollectionDefinition(nameof(ChangesTheProcessProxy), DisableParallelization = true)]
public sealed class ChangesTheProcessProxy;

[Collection(nameof(ChangesTheProcessProxy))]
public sealed class AddressPolicyTests
{
    [Theory]
    [InlineData("64:ff9b::a00:1", "private")]          // NAT64 of 10.0.0.1
    [InlineData("64:ff9b::7f00:1", "loopback")]        // NAT64 of 127.0.0.1
    [InlineData("64:ff9b:1::a9fe:a9fe", "private")]    // local-use NAT64 of the cloud metadata address
    [InlineData("2002:a9fe:a9fe::1", "private")]       // 6to4 of 169.254.169.254
    [InlineData("2002:c0a8:101::", "private")]         // 6to4 of 192.168.1.1
    [InlineData("::10.1.2.3", "private")]              // IPv4-compatible
    [InlineData("::ffff:127.0.0.1", "loopback")]       // IPv4-mapped
    [InlineData("2001:0:4136:e378:8000:63bf:f5ff:fffe", "private")] // Teredo, client 10.0.0.1 stored inverted
    [InlineData("ff02::1", "multicast")]
    [InlineData("ff0e::101", "multicast")]
    [InlineData("224.0.0.251", "private")]
    [InlineData("::1", "loopback")]
    [InlineData("fd12:3456::1", "private")]
    [InlineData("64:ff9b::808:808", null)]             // NAT64 of a public address
    [InlineData("2002:808:808::1", null)]
    [InlineData("2a00:1450:4001::1", null)]
    [InlineData("93.184.216.34", null)]
    public void IPv6_forms_that_reach_IPv4_are_judged_by_the_IPv4_address(string address, string? refusedAs)
    {
        var refusal = AddressPolicy.Refusal(IPAddress.Parse(address), new FetchOptions());

        if (refusedAs is null)
        {
            Assert.Null(refusal);
        }
        else
        {
            Assert.Contains(refusedAs, refusal);
        }
    }

    [Fact]
    public async Task A_process_proxy_does_not_carry_fetches_past_the_address_policy()
    {
        await using var proxy = await LoopbackHttpServer.StartAsync();
        proxy.MapText("/feed", "<rss version=\"2.0\"><channel><title>from the proxy</title></channel></rss>");
        var options = new FetchOptions { AllowLoopback = true };
        var previous = HttpClient.DefaultProxy;
        HttpClient.DefaultProxy = new WebProxy(proxy.BaseUri);
        try
        {
            var fetcher = new FeedFetcher(new HttpClient(FetchHttpHandler.Create(options)), options, TimeProvider.System);

            var result = await fetcher.FetchAsync(new FetchRequest(new Uri("http://10.255.255.1/feed")));

            Assert.Equal(FetchStatus.Failed, result.Status);
            Assert.Contains("refused to connect to 10.255.255.1", result.Error);
            Assert.Empty(proxy.Requests);
        }
        finally
        {
            HttpClient.DefaultProxy = previous;
        }
    }
}
