using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Ingest.Core.Pushes;
using Json.Schema;
using Microsoft.AspNetCore.Http;

namespace Ingest.Testing;

/// <summary>
/// Loopback receivers for pushes, behaving as the real ones do: <c>/slack</c> and <c>/teams</c> answer 400 to a body
/// their format's schema refuses (<c>Schemas/</c>: Block Kit's and the Adaptive Card's limits as far as Ingest uses them;
/// Teams also 413 past 28 KB), <c>/webhook</c> answers 401 to a signature that does not verify with
/// <see cref="Secret"/>. What each accepted is kept; <see cref="Stall"/> makes a path's next requests wait, unanswered.
/// </summary>
public sealed class PushReceiver : IAsyncDisposable
{
    private static readonly JsonSchema SlackSchema = Schema("slack-message.json");
    private static readonly JsonSchema TeamsSchema = Schema("teams-message.json");
    private readonly LoopbackHttpServer _server;
    private readonly ConcurrentDictionary<string, int> _stalls = new(StringComparer.Ordinal);
    private TimeSpan _stallFor;

    private PushReceiver(LoopbackHttpServer server) => _server = server;

    public string Secret { get; set; } = "whsec_receiver-test-secret";

    public ConcurrentQueue<ReceivedPush> Accepted { get; } = new();

    /// <summary>Every request, accepted or not, as the path and the reason it was refused (null when accepted).</summary>
    public ConcurrentQueue<(string Path, string? Refusal)> Tries { get; } = new();

    public Uri Url(string path) => _server.Url(path);

    public static async Task<PushReceiver> StartAsync()
    {
        var receiver = new PushReceiver(await LoopbackHttpServer.StartAsync());
        receiver._server.Map("/webhook", c => receiver.ReceiveAsync(c, body => WebhookSignature.Verify(receiver.Secret, c.Request.Headers[WebhookSignature.Header], body, DateTimeOffset.UtcNow) ? null : (401, "bad signature")));
        receiver._server.Map("/slack", c => receiver.ReceiveAsync(c, body => Refuse(SlackSchema, body)));
        receiver._server.Map("/teams", c => receiver.ReceiveAsync(c, body => body.Length > 28 * 1024 ? (413, "over 28 KB") : Refuse(TeamsSchema, body)));
        return receiver;
    }

    /// <summary>The next <paramref name="requests"/> requests to <paramref name="path"/> are held for <paramref name="for"/> (or until the sender gives up), then dropped unanswered.</summary>
    public void Stall(string path, int requests, TimeSpan @for)
    {
        _stallFor = @for;
        _stalls[path] = requests;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task ReceiveAsync(HttpContext context, Func<byte[], (int Status, string Reason)?> check)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var path = context.Request.Path.Value ?? "/";
        if (_stalls.AddOrUpdate(path, -1, (_, left) => left - 1) >= 0)
        {
            Tries.Enqueue((path, "stalled"));
            try
            {
                // Until the sender gives up (its timeout closes the connection) or the stall ends.
                await Task.Delay(_stallFor, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
            }

            context.Abort();
            return;
        }

        var refusal = check(body);
        Tries.Enqueue((path, refusal?.Reason));
        if (refusal is { } r)
        {
            context.Response.StatusCode = r.Status;
            await context.Response.WriteAsync(r.Reason);
            return;
        }

        Accepted.Enqueue(new ReceivedPush(path, context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body));
        await context.Response.WriteAsync("ok");
    }

    private static (int, string)? Refuse(JsonSchema schema, byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            return result.IsValid ? null : (400, "schema: " + string.Join("; ", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).Select(d => $"{d.InstanceLocation} {string.Join(", ", d.Errors!.Values)}")));
        }
        catch (JsonException ex)
        {
            return (400, "not JSON: " + ex.Message);
        }
    }

    private static JsonSchema Schema(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Ingest.Testing.Schemas.{name}")!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return JsonSchema.FromText(reader.ReadToEnd());
    }
}

/// <summary>One push a receiver accepted: where, its headers and its body.</summary>
public sealed record ReceivedPush(string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}
