using Ingest.Core.Fetching;
using Ingest.Core.Mail;
using Ingest.Core.Model;
using Ingest.Core.Pushes;
using Ingest.Testing;
using Microsoft.AspNetCore.Http;

namespace Ingest.Core.Tests.Pushes;

/// <summary>Posting to endpoints that are real HTTP servers on loopback: what is delivered, retried, final or cut off.</summary>
public sealed class EndpointPosterTests : IAsyncLifetime
{
    private static readonly FetchOptions Local = new() { AllowLoopback = true };
    private static readonly PushMessage Message = new("e-1.a-1", "alert", "KFOR: 1 new story", null, []);
    private LoopbackHttpServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackHttpServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static EndpointPoster Poster(FetchOptions? fetch = null, TimeSpan? timeout = null) =>
        new(new HttpClient(FetchHttpHandler.Create(fetch ?? Local)), new PushOptions { Timeout = timeout ?? TimeSpan.FromSeconds(10) }, fetch ?? Local, TimeProvider.System);

    private PushEndpoint Endpoint(string path, PushKind kind = PushKind.Webhook) => new("e-1", kind, _server.Url(path), DateTimeOffset.UtcNow, "whsec_test");

    [Fact]
    public async Task A_webhook_post_is_signed_with_the_endpoints_secret_and_names_its_delivery()
    {
        byte[]? received = null;
        _server.Map("/hook", async c =>
        {
            using var body = new MemoryStream();
            await c.Request.Body.CopyToAsync(body);
            received = body.ToArray();
        });

        await Poster().PostAsync(Endpoint("/hook"), Message, CancellationToken.None);

        var request = Assert.Single(_server.Requests);
        Assert.Equal("e-1.a-1", request.Headers[WebhookSignature.DeliveryHeader]);
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.True(WebhookSignature.Verify("whsec_test", request.Headers[WebhookSignature.Header], received, DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task A_chat_post_carries_no_signature_since_its_address_is_its_key()
    {
        _server.Map("/slack", _ => Task.CompletedTask);

        await Poster().PostAsync(Endpoint("/slack", PushKind.Slack), Message, CancellationToken.None);

        Assert.False(Assert.Single(_server.Requests).Headers.ContainsKey(WebhookSignature.Header));
    }

    [Theory]
    [InlineData(404, true)]
    [InlineData(410, true)]
    [InlineData(400, true)]
    [InlineData(429, false)]
    [InlineData(500, false)]
    [InlineData(503, false)]
    public async Task A_4xx_answer_is_final_and_a_5xx_or_429_is_tried_again_with_what_the_endpoint_said(int status, bool final)
    {
        _server.Map("/hook", c =>
        {
            c.Response.StatusCode = status;
            return c.Response.WriteAsync("channel_not_found\u0007");
        });

        var refused = await Assert.ThrowsAsync<DeliveryException>(() => Poster().PostAsync(Endpoint("/hook"), Message, CancellationToken.None));

        Assert.Equal(final, refused.Permanent);
        Assert.Contains($"answered {status}", refused.Message, StringComparison.Ordinal);
        Assert.Contains("channel_not_found", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\u0007", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redirect_is_not_followed_and_is_final()
    {
        _server.Map("/hook", c =>
        {
            c.Response.StatusCode = 301;
            c.Response.Headers.Location = "http://169.254.169.254/latest/meta-data/";
            return Task.CompletedTask;
        });

        var refused = await Assert.ThrowsAsync<DeliveryException>(() => Poster().PostAsync(Endpoint("/hook"), Message, CancellationToken.None));

        Assert.True(refused.Permanent);
        Assert.Contains("redirects", refused.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task An_endpoint_that_does_not_answer_in_time_is_cut_off_and_tried_again_later()
    {
        _server.Map("/hook", c => Task.Delay(TimeSpan.FromSeconds(30), c.RequestAborted));

        var refused = await Assert.ThrowsAsync<DeliveryException>(() => Poster(timeout: TimeSpan.FromSeconds(1)).PostAsync(Endpoint("/hook"), Message, CancellationToken.None));

        Assert.False(refused.Permanent);
        Assert.Contains("did not answer within 1 s", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_endless_answer_is_read_only_as_far_as_the_cap_and_the_poster_hangs_up()
    {
        var hungUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _server.Map("/hook", async c =>
        {
            c.RequestAborted.Register(() => hungUp.TrySetResult());
            c.Response.StatusCode = 400;
            var chunk = new byte[64 * 1024];
            Array.Fill(chunk, (byte)'x');
            try
            {
                // Never ends on its own: only the poster closing the connection stops it.
                while (!c.RequestAborted.IsCancellationRequested)
                {
                    await c.Response.Body.WriteAsync(chunk, c.RequestAborted);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException)
            {
            }
        });

        var refused = await Assert.ThrowsAsync<DeliveryException>(() => Poster().PostAsync(Endpoint("/hook"), Message, CancellationToken.None));

        Assert.True(refused.Permanent);
        Assert.True(refused.Message.Length < 400, refused.Message);
        await hungUp.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task An_endpoint_at_a_loopback_or_private_address_is_refused_where_the_policy_forbids_it()
    {
        var strict = new FetchOptions();

        var refused = await Assert.ThrowsAsync<DeliveryException>(() => Poster(strict).PostAsync(Endpoint("/hook"), Message, CancellationToken.None));

        Assert.True(refused.Permanent);
        Assert.Contains("loopback", refused.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Theory]
    [InlineData("", "Give the endpoint's address.")]
    [InlineData("hooks.slack.com/services/T/B/X", "Give a whole https:// address.")]
    [InlineData("ftp://hooks.example/x", "Give a whole https:// address.")]
    [InlineData("http://hooks.example/x", "Only https:// addresses")]
    [InlineData("https://user:pass@hooks.example/x", "Leave the user name and password out")]
    [InlineData("https://169.254.169.254/latest", "Ingest does not post to 169.254.169.254")]
    [InlineData("https://[::ffff:10.0.0.1]/x", "Ingest does not post to")]
    [InlineData("https://127.0.0.1:8080/x", "a loopback address")]
    public void An_address_that_will_not_do_is_refused_with_a_reason(string address, string reason)
    {
        var problem = EndpointAddress.Problem(address, new FetchOptions(), out var url);

        Assert.Null(url);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_public_https_address_will_do_and_plain_http_only_where_loopback_is_allowed_locally()
    {
        Assert.Null(EndpointAddress.Problem(" https://hooks.slack.com/services/T0/B0/abc ", new FetchOptions(), out var slack));
        Assert.Equal("hooks.slack.com", slack!.Host);
        Assert.Null(EndpointAddress.Problem("http://127.0.0.1:9000/hook", Local, out _));
    }
}
