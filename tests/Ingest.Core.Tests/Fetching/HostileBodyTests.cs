using Ingest.Core.Fetching;
using Ingest.Testing;

namespace Ingest.Core.Tests.Fetching;

[CollectionDefinition(nameof(MeasuresMemory), DisableParallelization = true)]
public sealed class MeasuresMemory;

[Collection(nameof(MeasuresMemory))]
public sealed class HostileBodyTests
{
    [Fact]
    public async Task A_100_megabyte_body_is_cut_off_at_the_cap_with_bounded_memory()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        var chunk = new byte[1024 * 1024];
        Array.Fill(chunk, (byte)'x');
        server.Map("/huge", async context =>
        {
            // No Content-Length: the cap must hold while streaming.
            for (var i = 0; i < 100 && !context.RequestAborted.IsCancellationRequested; i++)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            }
        });
        var options = new FetchOptions { AllowLoopback = true };
        var fetcher = new FeedFetcher(new HttpClient(FetchHttpHandler.Create(options)), options, TimeProvider.System);

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var result = await fetcher.FetchAsync(new FetchRequest(server.Url("/huge")));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Equal("body is over the 15728640-byte limit; stopped reading", result.Error);
        Assert.True(allocated < 80L * 1024 * 1024, $"allocated {allocated / (1024 * 1024)} MiB while refusing a 100 MiB body");
    }
}
