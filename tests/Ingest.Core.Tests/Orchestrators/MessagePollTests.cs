using Ingest.Core.Model;
using Ingest.Core.Polling;
using Ingest.Core.Topics;
using Ingest.Testing;
using Ingest.Testing.Fakes;

namespace Ingest.Core.Tests.Orchestrators;

/// <summary>
/// A <c>feed-polls</c> message of several feeds (<see cref="FeedPoller.PollEachAsync"/>): polled in order, a feed's
/// state write overlapping the next feed's fetch and no more, and one feed's failure reported beside the others' outcomes.
/// </summary>
public sealed class MessagePollTests : IAsyncLifetime
{
    private static readonly TopicMatcher Matcher = new(TopicModelLoader.LoadFile(Path.Combine(RepositoryRoot.Path, "seeds", "topics.json")));
    private static readonly string[] FeedIds = ["first", "second", "third"];

    private readonly FakeWorld _world = new();
    private readonly InMemoryFeedStore _feeds = new();
    private LoopbackHttpServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await LoopbackHttpServer.StartAsync();
        foreach (var id in FeedIds)
        {
            // Each feed answers 304 to the validators the message carries: a poll is a fetch and a state write.
            _server.Map($"/{id}.xml", context =>
            {
                context.Response.StatusCode = 304;
                return Task.CompletedTask;
            });
            await _feeds.AddIfMissingAsync(new FeedRecord(id, _server.Url($"/{id}.xml").AbsoluteUri, ETag: "\"v1\""), CancellationToken.None);
        }
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private IEnumerable<PollRequest> Message() =>
        FeedIds.Select(id => new PollRequest(id, _world.Clock.GetUtcNow(), new FeedValidators(_server.Url($"/{id}.xml").AbsoluteUri, "\"v1\"", null)));

    private bool Fetched(string feedId) => _server.Requests.Any(r => r.Path == $"/{feedId}.xml");

    [Fact]
    public async Task The_next_feed_is_fetched_while_the_one_before_writes_its_state_and_the_one_after_waits_for_that_write()
    {
        var held = new HeldFirstStateWrite(_feeds);
        var poller = _world.Poller(held, _world.Articles, new InMemoryQueue<AlertBatch>(_world.Clock), Matcher);
        var results = new List<PollResult>();
        var polling = Task.Run(async () =>
        {
            await foreach (var result in poller.PollEachAsync(Message(), retried: false, CancellationToken.None))
            {
                results.Add(result);
            }
        });

        // The second poll reaches its own state write while the first's is still held.
        await held.SecondWriteBegan.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var thirdFetchedMeanwhile = Fetched("third");
        var reportedMeanwhile = results.Count;
        held.Release();
        await polling.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(Fetched("second"));
        Assert.False(thirdFetchedMeanwhile);
        Assert.Equal(0, reportedMeanwhile);
        Assert.Equal(FeedIds, results.Select(r => r.FeedId));
        Assert.All(results, r => Assert.Equal(PollStatus.NotModified, r.Outcome?.Status));
        foreach (var id in FeedIds)
        {
            Assert.Equal(PollStatus.NotModified, (await _feeds.GetAsync(id, CancellationToken.None))!.LastStatus);
        }
    }

    [Fact]
    public async Task A_feed_whose_state_could_not_be_written_is_reported_failed_and_the_feeds_after_it_are_still_polled()
    {
        var poller = _world.Poller(new SecondStateWriteFails(_feeds), _world.Articles, new InMemoryQueue<AlertBatch>(_world.Clock), Matcher);

        var results = new List<PollResult>();
        await foreach (var result in poller.PollEachAsync(Message(), retried: false, CancellationToken.None))
        {
            results.Add(result);
        }

        Assert.Equal(FeedIds, results.Select(r => r.FeedId));
        Assert.Equal([PollStatus.NotModified, null, PollStatus.NotModified], results.Select(r => r.Outcome?.Status));
        Assert.IsType<IOException>(results[1].Failure);
        Assert.True(FeedIds.All(Fetched));
        Assert.Null((await _feeds.GetAsync("second", CancellationToken.None))!.LastPolledAt);
    }

    /// <summary>Holds the first state write until released, and says when the second one begins.</summary>
    private sealed class HeldFirstStateWrite(IFeedStore rows) : FeedStoreDecorator(rows)
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _writes;

        public TaskCompletionSource SecondWriteBegan { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _release.TrySetResult();

        public override async Task<bool> SaveUnchangedAsync(UnchangedPoll poll, CancellationToken cancellationToken)
        {
            switch (Interlocked.Increment(ref _writes))
            {
                case 1:
                    await _release.Task.WaitAsync(cancellationToken);
                    break;
                case 2:
                    SecondWriteBegan.TrySetResult();
                    break;
            }

            return await base.SaveUnchangedAsync(poll, cancellationToken);
        }
    }

    /// <summary>Storage going away for the second feed's state write.</summary>
    private sealed class SecondStateWriteFails(IFeedStore rows) : FeedStoreDecorator(rows)
    {
        public override Task<bool> SaveUnchangedAsync(UnchangedPoll poll, CancellationToken cancellationToken) =>
            poll.FeedId == "second" ? throw new IOException("the connection to storage was reset") : base.SaveUnchangedAsync(poll, cancellationToken);
    }
}
