using System.Net;
using Ingest.Core.Subscriptions;
using Microsoft.Extensions.Time.Testing;

namespace Ingest.Core.Tests.Subscriptions;

public sealed class RateLimiterTests
{
    [Fact]
    public void An_ipv6_client_changing_addresses_within_its_64_is_still_one_client()
    {
        var limiter = new RateLimiter(20, TimeSpan.FromMinutes(10), new FakeTimeProvider());

        var answers = Enumerable.Range(1, 25).Select(n => limiter.TryAcquire(RateLimiter.ClientKey(IPAddress.Parse($"2001:db8:7:1::{n:x}")))).ToList();

        Assert.Equal(20, answers.Count(a => a));
        Assert.True(limiter.TryAcquire(RateLimiter.ClientKey(IPAddress.Parse("2001:db8:7:2::1"))));
    }

    [Theory]
    [InlineData("192.0.2.7", "192.0.2.7")]
    [InlineData("::ffff:192.0.2.7", "192.0.2.7")]
    [InlineData("2001:db8:7:1:aaaa:bbbb:cccc:dddd", "2001:db8:7:1::/64")]
    public void Keys_are_the_address_for_ipv4_and_the_64_for_ipv6(string address, string key) =>
        Assert.Equal(key, RateLimiter.ClientKey(IPAddress.Parse(address)));
}
