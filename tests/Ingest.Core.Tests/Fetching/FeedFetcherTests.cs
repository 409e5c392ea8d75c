using System.IO.Compression;
using System.Text;
using Ingest.Core.Feeds;
using Ingest.Core.Fetching;
using Ingest.Testing;
using Microsoft.AspNetCore.Http;

namespace Ingest.Core.Tests.Fetching;

public sealed class FeedFetcherTests : IAsyncLifetime
{
    private const string Rss = """<?xml version="1.0"?><rss version="2.0"><channel><title>Loopback</title><item><title>One</title><link>https://x.test/1</link></item></channel></rss>""";
    private LoopbackHttpServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackHttpServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_second_fetch_sends_the_validators_and_a_304_carries_no_body()
    {
        _server.Map("/feed", context =>
        {
            if (context.Request.Headers.IfNoneMatch == "\"v1\"")
            {
                context.Response.StatusCode = 304;
                return Task.CompletedTask;
            }

            context.Response.Headers.ETag = "\"v1\"";
            context.Response.Headers.LastModified = "Sun, 22 Nov 2026 08:00:00 GMT";
            context.Response.ContentType = "application/rss+xml";
            return context.Response.WriteAsync(Rss);
        });
        var fetcher = Fetcher();

        var first = await fetcher.FetchAsync(new FetchRequest(_server.Url("/feed")));
        var second = await fetcher.FetchAsync(new FetchRequest(_server.Url("/feed"), first.ETag, first.LastModified));

        Assert.Equal(FetchStatus.Ok, first.Status);
        Assert.Equal("\"v1\"", first.ETag);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero), first.LastModified);
        Assert.Equal(FetchStatus.NotModified, second.Status);
        Assert.Null(second.Body);
        var conditional = _server.Requests.Last();
        Assert.Equal("\"v1\"", conditional.Headers["If-None-Match"]);
        Assert.Equal("Sun, 22 Nov 2026 08:00:00 GMT", conditional.Headers["If-Modified-Since"]);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("br")]
    [InlineData("deflate")]
    public async Task Compressed_bodies_arrive_decompressed(string encoding)
    {
        _server.Map("/feed", async context =>
        {
            context.Response.Headers.ContentEncoding = encoding;
            context.Response.ContentType = "application/rss+xml";
            await using Stream compressor = encoding switch
            {
                "gzip" => new GZipStream(context.Response.Body, CompressionLevel.Fastest, leaveOpen: true),
                "br" => new BrotliStream(context.Response.Body, CompressionLevel.Fastest, leaveOpen: true),
                _ => new ZLibStream(context.Response.Body, CompressionLevel.Fastest, leaveOpen: true),
            };
            await compressor.WriteAsync(Encoding.UTF8.GetBytes(Rss));
        });

        var result = await Fetcher().FetchAsync(new FetchRequest(_server.Url("/feed")));

        Assert.Equal(FetchStatus.Ok, result.Status);
        Assert.Equal("Loopback", FeedParser.Parse(result.Body).Title);
        Assert.Contains(encoding, _server.Requests.Single().Headers["Accept-Encoding"]);
    }

    [Fact]
    public async Task A_chain_of_permanent_redirects_is_reported_so_the_address_can_change()
    {
        Redirect("/old", 301, "/older");
        Redirect("/older", 308, "/feed");
        _server.MapText("/feed", Rss);

        var result = await Fetcher().FetchAsync(new FetchRequest(_server.Url("/old")));

        Assert.Equal(FetchStatus.Ok, result.Status);
        Assert.Equal(_server.Url("/feed"), result.FinalUri);
        Assert.Equal(_server.Url("/feed"), result.PermanentUri);
    }

    [Fact]
    public async Task A_temporary_redirect_anywhere_in_the_chain_keeps_the_stored_address()
    {
        Redirect("/old", 301, "/temp");
        Redirect("/temp", 302, "/feed");
        _server.MapText("/feed", Rss);

        var result = await Fetcher().FetchAsync(new FetchRequest(_server.Url("/old")));

        Assert.Equal(FetchStatus.Ok, result.Status);
        Assert.Null(result.PermanentUri);
    }

    [Fact]
    public async Task Redirect_loops_and_long_chains_fail_with_the_reason()
    {
        Redirect("/a", 302, "/b");
        Redirect("/b", 302, "/a");
        for (var i = 0; i < 7; i++)
        {
            Redirect($"/hop{i}", 302, $"/hop{i + 1}");
        }

        var loop = await Fetcher().FetchAsync(new FetchRequest(_server.Url("/a")));
        var chain = await Fetcher().FetchAsync(new FetchRequest(_server.Url("/hop0")));

        Assert.Equal(FetchStatus.Failed, loop.Status);
        Assert.Contains("redirect loop", loop.Error);
        Assert.Equal(FetchStatus.Failed, chain.Status);
        Assert.Equal("more than 5 redirects", chain.Error);
    }

    [Fact]
    public async Task Gone_is_reported_so_the_feed_can_be_disabled()
    {
        _server.Map("/feed", context =>
        {
            context.Response.StatusCode = 410;
            return Task.CompletedTask;
        });

        var result = await Fetcher().FetchAsync(new FetchRequest(_server.Url("/feed")));

        Assert.Equal(FetchStatus.Gone, result.Status);
    }

    [Theory]
    [InlineData(429, "120", 120)]
    [InlineData(503, "7", 7)]
    public async Task Retry_after_in_seconds_is_honoured(int status, string header, int seconds)
    {
        _server.Map("/feed", context =>
        {
            context.Response.StatusCode = status;
            context.Response.Headers.RetryAfter = header;
            return Task.CompletedTask;
        });

        var result = await Fetcher().FetchAsync(new FetchRequest(_server.Url("/feed")));

        Assert.Equal(FetchStatus.RetryLater, result.Status);
        Assert.Equal(TimeSpan.FromSeconds(seconds), result.RetryAfter);
    }

    [Fact]
    public async Task Retry_after_as_a_date_is_measured_from_now()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));
        _server.Map("/feed", context =>
        {
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = "Sun, 22 Nov 2026 10:30:00 GMT";
            return Task.CompletedTask;
        });

        var result = await Fetcher(time: time).FetchAsync(new FetchRequest(_server.Url("/feed")));

        Assert.Equal(TimeSpan.FromMinutes(30), result.RetryAfter);
    }

    [Fact]
    public async Task Cache_control_max_age_is_reported_for_scheduling()
    {
        _server.Map("/feed", context =>
        {
            context.Response.Headers.CacheControl = "public, max-age=1800";
            return context.Response.WriteAsync(Rss);
        });

        var result = await Fetcher().FetchAsync(new FetchRequest(_server.Url("/feed")));

        Assert.Equal(TimeSpan.FromMinutes(30), result.MaxAge);
    }

    [Fact]
    public async Task A_slow_server_hits_the_time_limit_instead_of_hanging()
    {
        _server.Map("/slow", async context =>
        {
            await context.Response.WriteAsync("<?xml version=\"1.0\"?><rss version=\"2.0\">");
            await context.Response.Body.FlushAsync();
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
        });

        var result = await Fetcher(new FetchOptions { AllowLoopback = true, Timeout = TimeSpan.FromSeconds(1) })
            .FetchAsync(new FetchRequest(_server.Url("/slow")));

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Equal("timed out after 1 s", result.Error);
    }

    [Fact]
    public async Task A_declared_body_over_the_cap_is_refused_before_reading()
    {
        _server.Map("/big", context =>
        {
            context.Response.ContentLength = 2_000_000;
            return context.Response.Body.WriteAsync(new byte[2_000_000]).AsTask();
        });

        var result = await Fetcher(new FetchOptions { AllowLoopback = true, MaxBytes = 1_000_000 }).FetchAsync(new FetchRequest(_server.Url("/big")));

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Equal("body of 2000000 bytes is over the 1000000-byte limit", result.Error);
    }

    [Fact]
    public async Task A_header_charset_that_lies_is_caught_by_the_parser()
    {
        var utf8Cyrillic = """<?xml version="1.0"?><rss version="2.0"><channel><title>Војска Србије</title></channel></rss>""";
        _server.Map("/feed", context =>
        {
            context.Response.ContentType = "application/rss+xml; charset=windows-1251";
            return context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(utf8Cyrillic)).AsTask();
        });

        var result = await Fetcher().FetchAsync(new FetchRequest(_server.Url("/feed")));
        var feed = FeedParser.Parse(result.Body, result.FinalUri, result.Charset);

        Assert.Equal("windows-1251", result.Charset);
        Assert.Equal("Војска Србије", feed.Title);
        Assert.Contains(feed.Warnings, w => w.Contains("but is UTF-8", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Loopback_addresses_are_refused_unless_allowed()
    {
        _server.MapText("/feed", Rss);

        var result = await Fetcher(new FetchOptions()).FetchAsync(new FetchRequest(_server.Url("/feed")));

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Contains("refused to connect to 127.0.0.1", result.Error);
        Assert.Contains("Fetch__AllowLoopback", result.Error);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task The_user_agent_names_ingest()
    {
        _server.MapText("/feed", Rss);

        await Fetcher(new FetchOptions { AllowLoopback = true, UserAgent = "Ingest/0.1 (+https://ops.example.test/contact)" })
            .FetchAsync(new FetchRequest(_server.Url("/feed")));

        Assert.Equal("Ingest/0.1 (+https://ops.example.test/contact)", _server.Requests.Single().Headers["User-Agent"]);
    }

    [Fact]
    public async Task Requests_to_one_host_never_exceed_the_concurrency_limit()
    {
        var current = 0;
        var peak = 0;
        _server.Map("/feed", async context =>
        {
            var now = Interlocked.Increment(ref current);
            InterlockedMax(ref peak, now);
            await Task.Delay(200);
            Interlocked.Decrement(ref current);
            await context.Response.WriteAsync(Rss);
        });
        var fetcher = Fetcher(new FetchOptions { AllowLoopback = true, MaxConcurrencyPerHost = 2 });

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => fetcher.FetchAsync(new FetchRequest(_server.Url("/feed")))));

        Assert.All(results, r => Assert.Equal(FetchStatus.Ok, r.Status));
        Assert.Equal(2, peak);
    }

    [Fact]
    public async Task Waiting_behind_a_slow_feed_of_the_same_host_does_not_count_against_the_time_limit()
    {
        var queue = await QueueBehindHeldRequestAsync(timeout: TimeSpan.FromSeconds(30));

        queue.Time.Advance(TimeSpan.FromSeconds(31));

        Assert.Equal("timed out after 30 s", (await queue.Slow).Error);
        Assert.Equal(FetchStatus.Ok, (await queue.Quick).Status);
        queue.Release.SetResult();
    }

    [Fact]
    public async Task A_fetch_that_finds_no_free_slot_in_time_is_reported_busy_and_asks_nothing_of_the_server()
    {
        var queue = await QueueBehindHeldRequestAsync(timeout: TimeSpan.FromMinutes(5));

        queue.Time.Advance(TimeSpan.FromSeconds(61));
        var busy = await queue.Quick;
        queue.Release.SetResult();

        Assert.Equal(FetchStatus.HostBusy, busy.Status);
        Assert.Equal("waited 60 s for one of the 1 request slots of 127.0.0.1", busy.Error);
        Assert.Equal(FetchStatus.Ok, (await queue.Slow).Status);
        Assert.DoesNotContain(_server.Requests, r => r.Path == "/quick");
    }

    /// <summary>
    /// On a fake clock, with one slot per host and 60 s allowed to wait for it: a fetch of <c>/slow</c> the server holds
    /// until the test releases it, and a fetch of <c>/quick</c> queued behind it.
    /// </summary>
    private async Task<(Task<FetchResult> Slow, Task<FetchResult> Quick, Microsoft.Extensions.Time.Testing.FakeTimeProvider Time, TaskCompletionSource Release)> QueueBehindHeldRequestAsync(TimeSpan timeout)
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _server.Map("/slow", async context =>
        {
            arrived.TrySetResult();
            await release.Task.WaitAsync(context.RequestAborted);
            await context.Response.WriteAsync(Rss);
        });
        _server.MapText("/quick", Rss);
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var fetcher = Fetcher(new FetchOptions { AllowLoopback = true, MaxConcurrencyPerHost = 1, Timeout = timeout, MaxHostWait = TimeSpan.FromSeconds(60) }, time);

        var slow = fetcher.FetchAsync(new FetchRequest(_server.Url("/slow")));
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return (slow, fetcher.FetchAsync(new FetchRequest(_server.Url("/quick"))), time, release);
    }

    private void Redirect(string from, int status, string to) => _server.Map(from, context =>
    {
        context.Response.StatusCode = status;
        context.Response.Headers.Location = to;
        return Task.CompletedTask;
    });

    private static FeedFetcher Fetcher(FetchOptions? options = null, TimeProvider? time = null)
    {
        options ??= new FetchOptions { AllowLoopback = true };
        return new FeedFetcher(new HttpClient(FetchHttpHandler.Create(options)), options, time ?? TimeProvider.System);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
