using Ingest.Core.Monitoring;
using Ingest.Storage.Stores;
using Ingest.Testing;
using Ingest.Testing.Fakes;

namespace Ingest.Storage.Tests.Contracts;

/// <summary>What every <see cref="IRunLog"/> does: a timer's last run, and its last failure kept after the runs that follow.</summary>
public abstract class RunLogContract
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    protected abstract Task<IRunLog> NewLogAsync();

    [Fact]
    public async Task A_failure_stays_visible_after_the_next_run_succeeds()
    {
        var log = await NewLogAsync();

        await log.RecordAsync("PollFeeds", Noon, "queued 3 due feeds", CancellationToken.None);
        await log.NoteFailureAsync("PollFeeds", Noon.AddMinutes(1), "cannot reach storage", CancellationToken.None);
        await log.NoteFailureAsync("PollFeeds", Noon.AddMinutes(2), "cannot reach storage", CancellationToken.None);
        await log.RecordAsync("PollFeeds", Noon.AddMinutes(3), "queued 1 due feeds", CancellationToken.None);
        await log.RecordAsync("ScheduleDigests", Noon, "queued 0 digests", CancellationToken.None);

        var runs = await log.ListAsync(CancellationToken.None);
        Assert.Equal(new TimerRun(Noon.AddMinutes(3), "queued 1 due feeds", Noon.AddMinutes(2), "cannot reach storage", 2), runs["PollFeeds"]);
        Assert.Equal(new TimerRun(Noon, "queued 0 digests"), runs["ScheduleDigests"]);
    }
}

public sealed class RunTableContractTests(StorageFixture storage) : RunLogContract, IClassFixture<StorageFixture>
{
    protected override async Task<IRunLog> NewLogAsync() => new RunTable(await storage.NewTableAsync());
}

public sealed class InMemoryRunLogContractTests : RunLogContract
{
    protected override Task<IRunLog> NewLogAsync() => Task.FromResult<IRunLog>(new InMemoryRunLog());
}
