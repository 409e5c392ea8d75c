using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ingest.Cli.Hosting;

/// <summary>How an invocation ended: the handler's <c>Logs</c> on success, the reason otherwise.</summary>
public sealed record InvocationResult(bool Succeeded, TimeSpan Duration, IReadOnlyList<string> Logs, string? Failure = null);

/// <summary>
/// Sends one invocation the way the host does (custom-handler.md §2.1, §3.1): <c>POST /{FunctionName}</c>, a new
/// invocation id, the host headers, a chunked JSON body. A non-2xx status, a body that is not a JSON object, a
/// content type other than JSON, a timeout or a dropped connection fail the invocation.
/// </summary>
public sealed class FunctionInvoker(HttpClient http, Func<CancellationToken, Task<Uri>> handlerAddress, TimeSpan timeout, TimeProvider timeProvider) : IFunctionInvoker
{
    public const string HostVersion = "4.1037.0.0";

    public Task<InvocationResult> InvokeTimerAsync(TimerFunction function, TimerStatus? status, bool isPastDue, CancellationToken cancellationToken) =>
        InvokeAsync(function.Name, InvocationPayloads.Timer(function, status, isPastDue, timeProvider.GetUtcNow()), cancellationToken);

    public Task<InvocationResult> InvokeQueueAsync(QueueFunction function, Azure.Storage.Queues.Models.QueueMessage message, CancellationToken cancellationToken) =>
        InvokeAsync(function.Name, InvocationPayloads.Queue(function, message, timeProvider.GetUtcNow()), cancellationToken);

    public async Task<InvocationResult> InvokeAsync(string functionName, JsonObject payload, CancellationToken cancellationToken)
    {
        var baseAddress = await handlerAddress(cancellationToken);
        var clock = Stopwatch.StartNew();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, functionName))
            {
                Content = new ChunkedJsonContent(payload.ToJsonString(InvocationPayloads.HostJson)),
            };
            request.Headers.Add("X-Azure-Functions-HostVersion", HostVersion);
            request.Headers.Add("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString());
            request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Azure-Functions-Host", HostVersion));
            using var response = await http.SendAsync(request, deadline.Token);
            var body = await response.Content.ReadAsStringAsync(deadline.Token);
            var logs = ReadLogs(body);
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            string? failure = !response.IsSuccessStatusCode ? $"status {(int)response.StatusCode}"
                : mediaType is not ("application/json" or "text/json") ? $"content type {mediaType ?? "(none)"} is not JSON"
                : logs is null ? "the answer is not a JSON object"
                : null;
            return new InvocationResult(failure is null, clock.Elapsed, logs ?? [], failure);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new InvocationResult(false, clock.Elapsed, [], $"timed out after {timeout}");
        }
        catch (HttpRequestException ex)
        {
            return new InvocationResult(false, clock.Elapsed, [], $"handler unreachable: {ex.Message}");
        }
    }

    /// <summary>The answer's <c>Logs</c>, or null when the answer is not a JSON object.</summary>
    private static List<string>? ReadLogs(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            return document.RootElement.TryGetProperty("Logs", out var logs) && logs.ValueKind == JsonValueKind.Array
                ? logs.EnumerateArray().Select(l => l.ValueKind == JsonValueKind.String ? l.GetString()! : l.GetRawText()).ToList()
                : [];
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The host's body has no precomputed length, so it goes out chunked.</summary>
    private sealed class ChunkedJsonContent : HttpContent
    {
        private readonly byte[] _bytes;

        public ChunkedJsonContent(string json)
        {
            _bytes = Encoding.UTF8.GetBytes(json);
            Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(_bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}
