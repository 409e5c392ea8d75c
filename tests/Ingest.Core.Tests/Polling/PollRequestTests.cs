using Ingest.Core.Polling;

namespace Ingest.Core.Tests.Polling;

/// <summary>What a <c>feed-polls</c> message must hold before a poll starts on it.</summary>
public sealed class PollRequestTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("/relative/feed.xml")]
    [InlineData("")]
    public void Validators_without_an_http_address_are_refused_before_anything_is_fetched(string url) =>
        Assert.Equal("a feed-polls message's validators must give the feed's http(s) url", new PollRequest("wire", At, new FeedValidators(url, null, null)).Lacks());

    [Fact]
    public void A_message_with_or_without_validators_is_whole()
    {
        Assert.Null(new PollRequest("wire", At).Lacks());
        Assert.Null(new PollRequest("wire", At, new FeedValidators("https://news.example/feed", "\"v1\"", At)).Lacks());
        Assert.Equal("a feed-polls message must name a feedId", new PollRequest("", At).Lacks());
    }
}
