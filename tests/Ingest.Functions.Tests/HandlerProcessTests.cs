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
