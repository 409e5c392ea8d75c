using System.Diagnostics;
using System.Net;
using Ingest.Core.Subscriptions;

namespace Ingest.Core.Tests.Subscriptions;

public sealed class ClientRateLimitTests
{
    [Fact]
    public void An_ipv6_client_changing_addresses_within_its_64_is_still_one_client()
    {
        using var limit = new ClientRateLimit(20, TimeSpan.FromMinutes(10));

        var answers = Enumerable.Range(1, 25).Select(n => limit.TryAcquire(ClientRateLimit.ClientKey(IPAddress.Parse($"2001:db8:7:1::{n:x}")))).ToList();

        Assert.Equal(20, answers.Count(a => a));
        Assert.True(limit.TryAcquire(ClientRateLimit.ClientKey(IPAddress.Parse("2001:db8:7:2::1"))));
    }

    [Fact]
    public async Task A_client_refused_in_one_window_is_let_in_again_in_the_next()
    {
        using var limit = new ClientRateLimit(2, TimeSpan.FromMilliseconds(300));
        var key = ClientRateLimit.ClientKey(IPAddress.Parse("192.0.2.7"));

        Assert.Equal([true, true, false], Enumerable.Range(0, 3).Select(_ => limit.TryAcquire(key)));

        // The window ends on the limiter's own clock: wait for it generously, as a busy machine may be slow.
        var waited = Stopwatch.StartNew();
        while (!limit.TryAcquire(key))
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "the client was never let in again");
            await Task.Delay(50);
        }

        Assert.True(waited.Elapsed >= TimeSpan.FromMilliseconds(100), $"let in again after {waited.Elapsed.TotalMilliseconds:0} ms, before its window could end");
    }

    [Theory]
    [InlineData("192.0.2.7", "192.0.2.7")]
    [InlineData("::ffff:192.0.2.7", "192.0.2.7")]
    [InlineData("2001:db8:7:1:aaaa:bbbb:cccc:dddd", "2001:db8:7:1::/64")]
    public void Keys_are_the_address_for_ipv4_and_the_64_for_ipv6(string address, string key) =>
        Assert.Equal(key, ClientRateLimit.ClientKey(IPAddress.Parse(address)));
}
