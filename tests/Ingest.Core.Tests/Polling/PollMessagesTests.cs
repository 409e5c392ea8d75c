using System.Text;
using System.Text.Json;
using Ingest.Core.Model;
using Ingest.Core.Polling;
using Ingest.Core.Scheduling;

namespace Ingest.Core.Tests.Polling;

/// <summary>How a tick's polls are packed into <c>feed-polls</c> messages: fewer sends and deletes, the same polls.</summary>
public sealed class PollMessagesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_catalogue_no_larger_than_the_queue_slots_gets_a_message_per_feed_so_every_slot_polls()
    {
        var messages = PollMessages.Pack(Polls(PollMessages.QueueSlots), Now);

        Assert.Equal(PollMessages.QueueSlots, messages.Count);
        Assert.All(messages, m => Assert.Null(m.Request.Also));
    }

    [Fact]
    public void A_thousand_polls_due_at_once_share_messages_and_each_feed_is_named_once_with_its_validators()
    {
        var polls = Polls(1000);

        var messages = PollMessages.Pack(polls, Now);

        Assert.Equal(1000 / PollMessages.MaxFeedsPerMessage, messages.Count);
        var named = messages.SelectMany(m => m.Request.Polls()).ToList();
        Assert.Equal(polls.Select(p => p.Feed.Id), named.Select(p => p.FeedId));
        Assert.All(named, poll => Assert.Equal(Now, poll.RequestedAt));
        Assert.All(named, poll => Assert.Equal($"https://site.example/{poll.FeedId}.xml", poll.Validators?.Url));
        Assert.All(messages, m => Assert.Null(m.Request.Lacks()));
    }

    [Fact]
    public void Polls_spread_over_the_interval_never_share_a_message_with_polls_of_another_moment()
    {
        var polls = Polls(100).Select((p, i) => p with { Delay = TimeSpan.FromSeconds(i % 4 * 15) }).ToList();

        var messages = PollMessages.Pack(polls, Now);

        Assert.All(messages, m => Assert.All(m.Request.Polls(), poll => Assert.Equal(Now + m.Delay, poll.RequestedAt)));
        Assert.All(messages, m => Assert.All(m.Request.Polls(), poll => Assert.Equal(m.Delay, polls.Single(p => p.Feed.Id == poll.FeedId).Delay)));
        Assert.Equal(100, messages.Sum(m => m.Request.Polls().Count()));
    }

    [Fact]
    public void Feeds_with_long_addresses_and_tags_are_split_so_every_message_fits_the_queue()
    {
        // Tags of characters the JSON writes escaped, six characters each.
        var polls = Polls(400).Select(p => p with { Feed = p.Feed with { Url = $"https://site.example/{p.Feed.Id}?q={new string('x', 3900)}", ETag = new string('<', 1000) } }).ToList();

        var messages = PollMessages.Pack(polls, Now);

        Assert.Equal(400, messages.Sum(m => m.Request.Polls().Count()));
        Assert.All(messages, m => Assert.True(Base64Length(m.Request) <= 64 * 1024, $"{Base64Length(m.Request)} bytes"));
        Assert.Contains(messages, m => m.Request.Also is { Count: > 0 });
    }

    private static int Base64Length(PollRequest request) => Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(request))).Length;

    private static List<PlannedPoll> Polls(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new PlannedPoll(new FeedRecord($"feed-{i:D4}", $"https://site.example/feed-{i:D4}.xml"), TimeSpan.Zero))];
}
