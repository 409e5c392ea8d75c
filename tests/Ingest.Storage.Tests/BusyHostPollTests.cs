using Ingest.Core.Fetching;
using Ingest.Core.Model;
using Ingest.Core.Polling;
using Ingest.Core.Scheduling;
using Ingest.Core.Stories;
using Ingest.Core.Topics;
using Ingest.Storage.Stores;
using Ingest.Testing;

namespace Ingest.Storage.Tests;

/// <summary>A poll whose host has no free request slot is put back on the queue; the feed is not failed or backed off.</summary>
public sealed class BusyHostPollTests(StorageFixture storage) : IClassFixture<StorageFixture>
{
    [Fact]
    public async Task A_poll_that_waited_too_long_for_its_host_is_requeued_and_the_feed_keeps_its_state()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Map("/slow.xml", async context =>
        {
            arrived.TrySetResult();
            await release.Task.WaitAsync(context.RequestAborted);
        });
        var time = TimeProvider.System;
        var options = new FetchOptions { AllowLoopback = true, MaxConcurrencyPerHost = 1, Timeout = TimeSpan.FromMinutes(5), MaxHostWait = TimeSpan.FromSeconds(1) };
        var fetcher = new FeedFetcher(new HttpClient(FetchHttpHandler.Create(options)), options, time);
        var feeds = new FeedTable(await storage.NewTableAsync());
        var queue = await storage.NewQueueAsync();
        var matcher = new TopicMatcher(TopicModelLoader.LoadFile(Path.Combine(RepositoryRoot.Path, "seeds", "topics.json")));
        var poller = new FeedPoller(feeds, new ArticleTable(await storage.NewTableAsync(), await storage.NewTableAsync()), new JsonQueue<PollRequest>(queue),
            new JsonQueue<AlertBatch>(await storage.NewQueueAsync()), fetcher, new ArticleReader(fetcher, new CurrentMatcher(matcher)), new StoryAssigner(new StoryTable(await storage.NewTableAsync()), time), new PollPolicy(), time);
        await feeds.AddIfMissingAsync(new FeedRecord("wire", server.Url("/wire.xml").AbsoluteUri), CancellationToken.None);
        var request = new PollRequest("wire", time.GetUtcNow());

        // Another feed of the same host holds its only slot.
        var holder = fetcher.FetchAsync(new FetchRequest(server.Url("/slow.xml")));
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var outcome = await poller.PollAsync(request, CancellationToken.None);
        release.SetResult();
        await holder;

        Assert.Equal(PollStatus.Requeued, outcome.Status);
        var feed = (await feeds.GetAsync("wire", CancellationToken.None))!;
        Assert.Equal((0, (string?)null, (DateTimeOffset?)null), (feed.ConsecutiveFailures, feed.LastStatus, feed.LastPolledAt));
        Assert.Empty(await queue.PeekAllAsync()); // invisible for a minute, as asked
        Assert.Equal(1, await queue.ApproximateCountAsync());
    }
}
