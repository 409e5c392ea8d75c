using System.Text.Json;
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

    [Fact]
    public void A_message_naming_more_feeds_polls_each_in_order_with_the_message_date()
    {
        var request = new PollRequest("wire", At, null, [new FeedToPoll("sport", new FeedValidators("https://news.example/sport", null, null)), new FeedToPoll("world")]);

        var polls = request.Polls().ToList();

        Assert.Equal(["wire", "sport", "world"], polls.Select(p => p.FeedId));
        Assert.All(polls, poll => Assert.Equal(At, poll.RequestedAt));
        Assert.All(polls, poll => Assert.Null(poll.Also));
        Assert.Equal("https://news.example/sport", polls[1].Validators?.Url);
        // What the queue carries reads back as it was written.
        var read = JsonSerializer.Deserialize<PollRequest>(JsonSerializer.Serialize(request));
        Assert.Equal(polls, read!.Polls());
    }

    [Fact]
    public void A_message_is_refused_whole_when_one_of_its_feeds_is_not_whole_or_it_names_too_many()
    {
        Assert.Equal("a feed-polls message must name a feedId", new PollRequest("wire", At, null, [new FeedToPoll("")]).Lacks());
        Assert.Equal(
            "a feed-polls message's validators must give the feed's http(s) url",
            new PollRequest("wire", At, null, [new FeedToPoll("local", new FeedValidators("file:///etc/passwd", null, null))]).Lacks());
        var tooMany = Enumerable.Range(0, PollRequest.MaxFeeds).Select(i => new FeedToPoll($"feed-{i}")).ToList();
        Assert.Equal($"a feed-polls message may name at most {PollRequest.MaxFeeds} feeds", new PollRequest("wire", At, null, tooMany).Lacks());
        Assert.Null(new PollRequest("wire", At, null, tooMany[1..]).Lacks());
        Assert.Equal("a feed-polls message's also list holds an empty entry", JsonSerializer.Deserialize<PollRequest>("""{"feedId":"wire","requestedAt":"2026-12-07T09:00:00Z","also":[null]}""")!.Lacks());
    }
}
