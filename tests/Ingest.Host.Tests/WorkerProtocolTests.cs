using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Ingest.Host.Rpc;
using Ingest.Testing;

namespace Ingest.Host.Tests;

/// <summary>
/// The host side of the Functions host ↔ .NET isolated worker protocol, against a real worker process built from a
/// small app: start-up and the function list, queue and timer invocations, a failure, HTTP through the worker's own
/// Kestrel, and shutdown leaving no worker behind.
/// </summary>
public sealed class WorkerProtocolTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<string> _log = new();
    private WorkerHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await WorkerHost.StartAsync(BuiltProject.TestWorkerDirectory, new Dictionary<string, string> { ["TickSchedule"] = "0 0 3 * * *" }, _log.Enqueue, TimeSpan.FromSeconds(120), CancellationToken.None);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public void Start_up_lists_every_function_with_its_trigger()
    {
        Assert.Equal(
            ["Echo queueTrigger", "Hello httpTrigger", "Tick timerTrigger"],
            _host.Functions.Select(f => $"{f.Name} {f.TriggerType}").Order(StringComparer.Ordinal));
        Assert.Equal("%TickSchedule%", Function("Tick").Trigger!["schedule"]!.GetValue<string>());
        Assert.Equal("echo", Function("Echo").Trigger!["queueName"]!.GetValue<string>());
        Assert.NotNull(_host.HttpUri);
    }

    [Fact]
    public async Task A_queue_message_is_handed_over_with_its_dequeue_count_and_the_log_line_comes_back()
    {
        var response = await Queue("KFOR patrol near Jarinje", dequeueCount: 3);

        Assert.Equal(StatusResult.Types.Status.Success, response.Result.Status);
        Assert.Contains(_log, line => line.Contains("echo: KFOR patrol near Jarinje (try 3)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failing_invocation_comes_back_as_a_failure_with_the_exception()
    {
        var response = await Queue("fail", dequeueCount: 1);

        Assert.Equal(StatusResult.Types.Status.Failure, response.Result.Status);
        Assert.Contains("asked to fail", response.Result.Exception.Message);
    }

    [Fact]
    public async Task A_timer_invocation_carries_its_timer_info()
    {
        var timer = """{"Schedule":{"AdjustForDST":true},"ScheduleStatus":null,"IsPastDue":true}""";
        var response = await _host.InvokeAsync(Function("Tick"), [new ParameterBinding { Name = Function("Tick").TriggerName, Data = new TypedData { Json = timer } }],
            new Dictionary<string, TypedData>(), Guid.NewGuid().ToString(), CancellationToken.None);

        Assert.Equal(StatusResult.Types.Status.Success, response.Result.Status);
        Assert.Contains(_log, line => line.Contains("tick: past due True", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_http_request_forwarded_with_its_invocation_id_gets_the_functions_status_headers_and_body()
    {
        var hello = Function("Hello");
        var invocationId = Guid.NewGuid().ToString();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_host.HttpUri!, "api/hello/Zvečan"))
        {
            Content = new StringContent("from the north", Encoding.UTF8, "text/plain"),
        };
        request.Headers.Add("x-ms-invocation-id", invocationId);

        // As the Functions host does: the request on the worker's own HTTP port, and the invocation on the stream with
        // the route's values in its trigger metadata.
        var forwarded = http.SendAsync(request);
        var invocation = await _host.InvokeAsync(hello, [new ParameterBinding { Name = hello.TriggerName, Data = new TypedData { Http = new RpcHttp() } }],
            new Dictionary<string, TypedData> { ["name"] = new() { String = "Zvečan" } }, invocationId, CancellationToken.None);
        using var response = await forwarded;

        Assert.Equal(StatusResult.Types.Status.Success, invocation.Result.Status);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("hello Zvečan: from the north", await response.Content.ReadAsStringAsync());
        Assert.Equal("POST", response.Headers.GetValues("X-Seen-Method").Single());
    }

    [Fact]
    public async Task The_hosts_http_front_forwards_get_and_post_with_route_values_body_headers_and_status()
    {
        var port = LoopbackPort.GetUnused();
        await using var front = WorkerHttpForwarder.Build(_ => Task.FromResult(_host), "api", _log.Enqueue, port);
        await front.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://localhost:{port}/") };

        using var get = await http.GetAsync("api/hello/Jarinje?lang=sr");
        using var post = await http.PostAsync("api/hello/Zve%C4%8Dan", new StringContent("a body", Encoding.UTF8, "text/plain"));
        using var unknown = await http.GetAsync("api/nothing-here");
        using var wrongMethod = await http.PutAsync("api/hello/x", new StringContent("x"));

        Assert.Equal((HttpStatusCode.OK, "hello Jarinje: "), (get.StatusCode, await get.Content.ReadAsStringAsync()));
        Assert.Equal((HttpStatusCode.Created, "hello Zvečan: a body"), (post.StatusCode, await post.Content.ReadAsStringAsync()));
        Assert.Equal("POST", post.Headers.GetValues("X-Seen-Method").Single());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        Assert.Equal(["GET", "POST"], wrongMethod.Content.Headers.Allow.Order(StringComparer.Ordinal));
        Assert.Contains(_log, line => line.StartsWith("Hello (http POST /api/hello/Zvečan)", StringComparison.Ordinal) && line.EndsWith(" 201", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_request_that_comes_before_the_worker_is_ready_waits_for_it_and_is_answered()
    {
        var port = LoopbackPort.GetUnused();
        var asked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ready = new TaskCompletionSource<WorkerHost>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var front = WorkerHttpForwarder.Build(
            cancellationToken =>
            {
                asked.TrySetResult();
                return ready.Task.WaitAsync(cancellationToken);
            },
            "api",
            _log.Enqueue,
            port);
        await front.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://localhost:{port}/") };

        var early = http.GetAsync("api/hello/Jarinje");
        await asked.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var answeredBeforeReady = early.IsCompleted;
        ready.SetResult(_host);
        using var answer = await early;

        Assert.False(answeredBeforeReady);
        Assert.Equal((HttpStatusCode.OK, "hello Jarinje: "), (answer.StatusCode, await answer.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task A_path_starting_with_two_slashes_reaches_the_worker_and_no_other_host()
    {
        var port = LoopbackPort.GetUnused();
        await using var front = WorkerHttpForwarder.Build(_ => Task.FromResult(_host), "api", _log.Enqueue, port);
        await front.StartAsync();

        // Sent raw: an HTTP client would read "//api/..." as another host itself. Resolved against the worker's
        // address, this path once named a machine called "api" and the request went there (a 502).
        var answer = await RawGetAsync(port, "//api//hello//Jarinje?lang=sr");

        Assert.StartsWith("HTTP/1.1 200", answer, StringComparison.Ordinal);
        Assert.EndsWith("hello Jarinje: ", answer, StringComparison.Ordinal);
        Assert.Equal(new Uri(_host.HttpUri!, "/api/hello/Jarinje?lang=sr"), WorkerHttpForwarder.TargetUri(_host.HttpUri!, new("//api//hello/Jarinje"), new("?lang=sr")));
        Assert.Equal(_host.HttpUri!.Authority, WorkerHttpForwarder.TargetUri(_host.HttpUri!, new("//evil.example:80/api/hello/x"), default).Authority);
    }

    [Fact]
    public async Task The_fronts_own_answers_are_not_sniffed_and_do_not_repeat_the_path()
    {
        var port = LoopbackPort.GetUnused();
        await using var front = WorkerHttpForwarder.Build(_ => Task.FromResult(_host), "api", _log.Enqueue, port);
        await front.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://localhost:{port}/") };

        using var unknown = await http.GetAsync("api/%3Cscript%3Ealert(1)%3C%2Fscript%3E");
        using var wrongMethod = await http.DeleteAsync("api/hello/%3Cb%3E");

        foreach (var response in new[] { unknown, wrongMethod })
        {
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("script", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<b>", body, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
    }

    [Fact]
    public async Task Disposing_the_host_ends_the_worker_and_closes_its_port()
    {
        var pid = _host.ProcessId;
        var port = _host.EventStreamPort;

        await _host.DisposeAsync();

        Assert.Throws<ArgumentException>(() => Process.GetProcessById(pid));
        using var client = new System.Net.Sockets.TcpClient();
        var refused = await Assert.ThrowsAsync<System.Net.Sockets.SocketException>(() => client.ConnectAsync(IPAddress.Loopback, port));
        Assert.Equal(System.Net.Sockets.SocketError.ConnectionRefused, refused.SocketErrorCode);
    }

    private static async Task<string> RawGetAsync(int port, string target)
    {
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {target} HTTP/1.1\r\nHost: localhost:{port}\r\nConnection: close\r\n\r\n"));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    private WorkerFunction Function(string name) => _host.Functions.Single(f => f.Name == name);

    private Task<InvocationResponse> Queue(string message, int dequeueCount)
    {
        var echo = Function("Echo");
        return _host.InvokeAsync(echo, [new ParameterBinding { Name = echo.TriggerName, Data = new TypedData { String = message } }],
            new Dictionary<string, TypedData>
            {
                ["DequeueCount"] = new() { Json = dequeueCount.ToString(CultureInfo.InvariantCulture) },
                ["Id"] = new() { Json = "\"id-1\"" },
                ["QueueTrigger"] = new() { String = message },
            },
            Guid.NewGuid().ToString(),
            CancellationToken.None);
    }
}
