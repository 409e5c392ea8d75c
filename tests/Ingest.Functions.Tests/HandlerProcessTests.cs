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
        using var handler = ChildProcess.Start("dotnet", [assembly], Path.GetDirectoryName(assembly)!, Settings(port));
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
        using var handler = ChildProcess.Start("dotnet", [assembly], Path.GetDirectoryName(assembly)!, Settings(port, deadStorage));
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

    [Theory]
    [InlineData("AzureWebJobsStorage", "AccountName=ingest", "AzureWebJobsStorage is not a storage connection string")]
    [InlineData("Fetch__TimeoutSeconds", "soon", "Fetch__TimeoutSeconds must be a whole number")]
    [InlineData("Smtp__EnableSsl", "maybe", "Smtp__EnableSsl must be true or false, not 'maybe'")]
    [InlineData("TopicsPath", "nowhere/topics.json", "TopicsPath: nowhere/topics.json does not exist")]
    [InlineData("PublicBaseUrl", "ingest.example", "PublicBaseUrl must be the service's absolute http(s) address")]
    [InlineData("SubscriptionSigningKey", "short", "SubscriptionSigningKey must be a secret of at least 16 characters")]
    public async Task A_bad_setting_stops_start_up_with_one_line_naming_it(string key, string value, string expected)
    {
        var assembly = BuiltProject.Assembly("Ingest.Functions");
        var settings = Settings(LoopbackPort.GetUnused());
        settings[key] = value;

        using var handler = ChildProcess.Start("dotnet", [assembly], Path.GetDirectoryName(assembly)!, settings);
        var exitCode = await handler.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, exitCode);
        var line = Assert.Single(handler.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("Ingest cannot start: ", line);
        Assert.Contains(expected, line);
    }

    /// <summary>What the handler needs to start: storage (unreachable unless a port is given), where links point, the signing key.</summary>
    private static Dictionary<string, string> Settings(int port, int? storagePort = null)
    {
        var storage = storagePort ?? LoopbackPort.GetUnused();
        return new Dictionary<string, string>
        {
            ["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(),
            ["AzureWebJobsStorage"] = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Ingest.Storage.Accounts.StorageAccount.DevelopmentAccountKey};TableEndpoint=http://127.0.0.1:{storage}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{storage}/devstoreaccount1;",
            ["PublicBaseUrl"] = $"http://localhost:{port}/",
            ["SubscriptionSigningKey"] = "handler-process-tests-signing-key",
        };
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
