using System.Diagnostics;
using System.Text.Json.Nodes;
using Ingest.Host.Rpc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Ingest.Host;

/// <summary>
/// The host's HTTP front for an isolated worker with the ASP.NET Core integration: a request that matches an HTTP
/// function's route and methods goes, whole, to the worker's own HTTP address with <c>x-ms-invocation-id</c>, while an
/// invocation with the same id (an empty <see cref="RpcHttp"/>, the route's values as trigger metadata) goes over the
/// event stream; the worker pairs them and answers on the forwarded request. Auth levels are not enforced, as with
/// Core Tools locally.
/// </summary>
public static class WorkerHttpForwarder
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "TE", "Trailer", "Host",
    };

    /// <param name="worker">The worker to forward to now (it may have been restarted).</param>
    public static WebApplication Build(Func<CancellationToken, Task<WorkerHost>> worker, string routePrefix, Action<string> log, int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://localhost:{port}");
        builder.Logging.ClearProviders();
        var web = builder.Build();
        var prefix = routePrefix.Trim('/');
        var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, UseProxy = false }) { Timeout = Timeout.InfiniteTimeSpan };

        web.Map("/{**path}", async (HttpContext context) =>
        {
            var host = await worker(context.RequestAborted);
            var path = NormalPath(context.Request.Path.Value ?? "/");
            context.Response.Headers.XContentTypeOptions = "nosniff";
            switch (Route(host.Functions, prefix, path, context.Request.Method))
            {
                case { Allowed: { } allowed }:
                    context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                    context.Response.Headers.Allow = string.Join(", ", allowed);
                    await context.Response.WriteAsJsonAsync(new { error = "this address does not take that method; Allow lists the ones it takes" });
                    return;
                case { Function: { } function, Values: { } values } when host.HttpUri is { } workerUri:
                    await ForwardAsync(context, host, workerUri, function, values, path, http, log);
                    return;
                default:
                    // The path is not echoed: an answer that repeats what a client sent is a place to inject into.
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    await context.Response.WriteAsJsonAsync(new { error = "no function answers at this address" });
                    return;
            }
        });
        return web;
    }

    /// <summary>
    /// Where a request goes: the HTTP function whose route (after the prefix) and methods take it, with the route's
    /// values; or, when routes take the path but not the method, the methods they take (a 405); or nowhere (a 404).
    /// </summary>
    public static HttpRouting Route(IEnumerable<WorkerFunction> functions, string prefix, string path, string method)
    {
        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (prefix.Length > 0)
        {
            if (segments.Length == 0 || !segments[0].Equals(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return HttpRouting.None;
            }

            segments = segments[1..];
        }

        var allowed = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var function in functions.Where(f => f.TriggerType?.Equals("httpTrigger", StringComparison.OrdinalIgnoreCase) == true))
        {
            var methods = (function.Trigger!["methods"] as JsonArray)?.Select(m => m?.GetValue<string>()?.ToUpperInvariant()).OfType<string>().ToList() ?? [];
            var route = function.Trigger["route"]?.GetValue<string>() ?? function.Name;
            if (new HttpRoute(route).Match(segments) is not { } values)
            {
                continue;
            }

            if (methods.Count == 0 || methods.Contains(method.ToUpperInvariant()))
            {
                return new HttpRouting(function, values, null);
            }

            allowed.UnionWith(methods);
        }

        return allowed.Count > 0 ? new HttpRouting(null, null, [.. allowed]) : HttpRouting.None;
    }

    /// <summary>
    /// The request's path as sent on to the worker: escaped, empty segments dropped, so it always starts with exactly
    /// one slash. A path that starts with two would be a network-path reference, which names another host.
    /// </summary>
    public static string NormalPath(string path) =>
        "/" + string.Join('/', path.Split('/', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The worker's address with <paramref name="path"/> and <paramref name="query"/>: never another host, whatever the path holds.</summary>
    public static Uri TargetUri(Uri worker, PathString path, QueryString query) =>
        new(worker.GetLeftPart(UriPartial.Authority) + NormalPath(path.ToUriComponent()) + query.ToUriComponent(), UriKind.Absolute);

    private static async Task ForwardAsync(HttpContext context, WorkerHost host, Uri workerUri, WorkerFunction function, IReadOnlyDictionary<string, string> values, string path, HttpClient http, Action<string> log)
    {
        var clock = Stopwatch.StartNew();
        var invocationId = Guid.NewGuid().ToString();
        using var request = CopyRequest(context, TargetUri(workerUri, context.Request.Path, context.Request.QueryString), invocationId);
        var forwarded = http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        var invocation = host.InvokeAsync(function, [new ParameterBinding { Name = function.TriggerName, Data = new TypedData { Http = new RpcHttp() } }],
            values.ToDictionary(v => v.Key, v => new TypedData { String = v.Value }), invocationId, context.RequestAborted);
        try
        {
            using var response = await forwarded;
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var header in response.Headers.Concat(response.Content.Headers).Where(h => !HopByHop.Contains(h.Key)))
            {
                context.Response.Headers[header.Key] = header.Value.ToArray();
            }

            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
            var outcome = await invocation;
            var failure = outcome.Result.Status == StatusResult.Types.Status.Success ? "" : $", failed: {outcome.Result.Exception?.Message}";
            log($"{function.Name} (http {context.Request.Method} {path}) {clock.ElapsedMilliseconds} ms {(int)response.StatusCode}{failure}");
        }
        catch (Exception ex) when (ex is HttpRequestException or WorkerUnavailableException)
        {
            if (!context.Response.HasStarted)
            {
                context.Response.StatusCode = StatusCodes.Status502BadGateway;
                await context.Response.WriteAsJsonAsync(new { error = "the worker did not answer" });
            }

            log($"{function.Name} (http {context.Request.Method} {path}) failed: {ex.GetType().Name}: {ex.Message}{(ex.InnerException is { } inner ? $" ({inner.Message})" : "")}");
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; the worker sees its request aborted too.
        }
    }

    private static HttpRequestMessage CopyRequest(HttpContext context, Uri target, string invocationId)
    {
        var incoming = context.Request;
        var message = new HttpRequestMessage(new HttpMethod(incoming.Method), target);
        if (incoming.ContentLength > 0 || incoming.Headers.TransferEncoding.Count > 0)
        {
            message.Content = new StreamContent(incoming.Body);
        }

        foreach (var header in incoming.Headers.Where(h => !HopByHop.Contains(h.Key)))
        {
            if (!message.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray()))
            {
                message.Content?.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray());
            }
        }

        // As Azure's front end does: the address the connection came from, after whatever the client claimed.
        if (context.Connection.RemoteIpAddress is { } connected)
        {
            var client = connected.IsIPv4MappedToIPv6 ? connected.MapToIPv4() : connected;
            message.Headers.Remove("X-Forwarded-For");
            var claimed = incoming.Headers["X-Forwarded-For"].ToString();
            message.Headers.TryAddWithoutValidation("X-Forwarded-For", claimed.Length > 0 ? $"{claimed}, {client}" : client.ToString());
        }

        message.Headers.TryAddWithoutValidation("x-ms-invocation-id", invocationId);
        return message;
    }
}
