using System.Net;
using System.Text.Json;
using Ingest.Testing;

namespace Ingest.Functions.Tests;

public sealed class HandlerProcessTests
{
    [Fact]
    public async Task The_handler_listens_on_the_port_the_host_gives_it_and_answers_root_and_health()
    {
        var port = LoopbackPort.GetUnused();
        var assembly = BuiltProject.Assembly("Ingest.Functions");
        using var handler = ChildProcess.Start("dotnet", [assembly], Path.GetDirectoryName(assembly)!,
            new Dictionary<string, string> { ["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString() });
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        var root = await WaitForRootAsync(http, handler);
        var health = await http.GetAsync("/api/health");
        using var body = JsonDocument.Parse(await health.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, root.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("application/json", health.Content.Headers.ContentType?.MediaType);
        Assert.Equal("alive", body.RootElement.GetProperty("status").GetString());
        Assert.Matches(@"^\d+\.\d+\.\d+", body.RootElement.GetProperty("version").GetString());
    }

    [Fact]
    public async Task With_storage_gone_status_says_so_and_a_poll_fails_so_the_host_retries_it()
    {
        var port = LoopbackPort.GetUnused();
        var deadStorage = LoopbackPort.GetUnused();
        var assembly = BuiltProject.Assembly("Ingest.Functions");
        using var handler = ChildProcess.Start("dotnet", [assembly], Path.GetDirectoryName(assembly)!, new Dictionary<string, string>
        {
            ["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(),
            ["AzureWebJobsStorage"] = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:{deadStorage}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{deadStorage}/devstoreaccount1;",
        });
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await WaitForRootAsync(http, handler);

        var status = await http.GetAsync("/api/status");
        // The host's shape: the message text JSON-encoded a second time.
        var message = JsonSerializer.Serialize("""{"feedId":"wire","requestedAt":"2026-11-22T10:00:00+00:00"}""");
        var poll = await http.PostAsync("/PollFeed", new StringContent(
            JsonSerializer.Serialize(new { Data = new { message }, Metadata = new { DequeueCount = "1" } }),
            System.Text.Encoding.UTF8,
            "application/json"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status.StatusCode);
        using var body = JsonDocument.Parse(await status.Content.ReadAsStringAsync());
        Assert.Equal("unhealthy", body.RootElement.GetProperty("status").GetString());
        Assert.False(body.RootElement.GetProperty("storage").GetProperty("reachable").GetBoolean());
        Assert.StartsWith("storage is unreachable", body.RootElement.GetProperty("reasons")[0].GetString());
        Assert.True(poll.StatusCode == HttpStatusCode.InternalServerError, await poll.Content.ReadAsStringAsync());
        Assert.Equal("application/json", poll.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>Polls GET / as the Functions host does before its first invocation.</summary>
    private static async Task<HttpResponseMessage> WaitForRootAsync(HttpClient http, ChildProcess handler)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !handler.HasExited)
        {
            try
            {
                return await http.GetAsync("/");
            }
            catch (HttpRequestException)
            {
                await Task.Delay(25);
            }
        }

        throw new TimeoutException($"The handler never answered GET /. Output:\n{handler.Output}");
    }
}
