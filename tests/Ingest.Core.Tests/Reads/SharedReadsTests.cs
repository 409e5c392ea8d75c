using Ingest.Core.Reads;
using Microsoft.Extensions.Time.Testing;

namespace Ingest.Core.Tests.Reads;

public sealed class SharedReadsTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Five_hundred_concurrent_requests_for_one_key_cost_one_read()
    {
        var reads = new SharedReads(new ReadLimits(), _time);
        var release = new TaskCompletionSource();
        var started = 0;

        var requests = Enumerable.Range(0, 500).Select(_ => reads.GetAsync("status", async token =>
        {
            Interlocked.Increment(ref started);
            await release.Task.WaitAsync(token);
            return "the document";
        }, CancellationToken.None)).ToList();
        release.SetResult();

        Assert.All(await Task.WhenAll(requests), answer => Assert.Equal("the document", answer));
        Assert.Equal(1, started);
    }

    [Fact]
    public async Task A_result_is_shared_for_the_snapshot_age_and_read_again_after_it()
    {
        var reads = new SharedReads(new ReadLimits { SnapshotAge = TimeSpan.FromSeconds(5) }, _time);
        var count = 0;
        Task<int> Read() => reads.GetAsync("status", _ => Task.FromResult(Interlocked.Increment(ref count)), CancellationToken.None);

        var first = await Read();
        _time.Advance(TimeSpan.FromSeconds(4));
        var shared = await Read();
        _time.Advance(TimeSpan.FromSeconds(2));
        var fresh = await Read();

        Assert.Equal((1, 1, 2), (first, shared, fresh));
    }

    [Fact]
    public async Task With_no_snapshot_age_only_requests_that_overlap_share_a_read()
    {
        var reads = new SharedReads(new ReadLimits { SnapshotAge = TimeSpan.Zero }, _time);
        var count = 0;

        var first = await reads.GetAsync("k", _ => Task.FromResult(Interlocked.Increment(ref count)), CancellationToken.None);
        var second = await reads.GetAsync("k", _ => Task.FromResult(Interlocked.Increment(ref count)), CancellationToken.None);

        Assert.Equal((1, 2), (first, second));
    }

    [Fact]
    public async Task When_every_client_has_gone_the_read_is_cancelled_and_the_next_request_starts_afresh()
    {
        var reads = new SharedReads(new ReadLimits(), _time);
        var cancelled = new TaskCompletionSource();
        using var clients = new CancellationTokenSource();

        var abandoned = Enumerable.Range(0, 3).Select(_ => reads.GetAsync("dashboard", async token =>
        {
            token.Register(() => cancelled.TrySetResult());
            await Task.Delay(Timeout.Infinite, token);
            return "never";
        }, clients.Token)).ToList();
        await Task.Yield();
        Assert.NotNull(reads.OldestRunningSince);
        await clients.CancelAsync();

        foreach (var request in abandoned)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
        }

        await cancelled.Task.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal("again", await reads.GetAsync("dashboard", _ => Task.FromResult("again"), CancellationToken.None));
    }

    [Fact]
    public async Task One_client_leaving_does_not_cancel_the_read_for_the_others()
    {
        var reads = new SharedReads(new ReadLimits(), _time);
        var release = new TaskCompletionSource();
        using var leaving = new CancellationTokenSource();

        var gone = reads.GetAsync("status", async token => { await release.Task.WaitAsync(token); return "done"; }, leaving.Token);
        var staying = reads.GetAsync("status", _ => Task.FromResult("a second read"), CancellationToken.None);
        await leaving.CancelAsync();
        release.SetResult();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gone);
        Assert.Equal("done", await staying);
    }

    [Fact]
    public async Task A_failed_read_is_not_kept()
    {
        var reads = new SharedReads(new ReadLimits(), _time);

        await Assert.ThrowsAsync<InvalidOperationException>(() => reads.GetAsync<string>("status", _ => throw new InvalidOperationException("storage away"), CancellationToken.None));

        Assert.Equal("back", await reads.GetAsync("status", _ => Task.FromResult("back"), CancellationToken.None));
    }

    [Fact]
    public void The_gate_turns_away_the_request_past_a_pages_limit_and_remembers_when_while_other_pages_still_get_in()
    {
        var gate = new ReadGate(new ReadLimits { MaxConcurrent = 2 }, _time);

        var admitted = new[] { gate.TryEnter("Status"), gate.TryEnter("Status"), gate.TryEnter("Status"), gate.TryEnter("TopicFeed") };
        gate.Leave("Status");

        Assert.Equal([true, true, false, true], admitted);
        Assert.Equal(_time.GetUtcNow(), gate.LastShedAt);
        Assert.True(gate.TryEnter("Status"));
        Assert.Equal(3, gate.InFlight);
    }
}
