using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Ingest.Cli.Hosting;

/// <summary>
/// The host's HTTP front (custom-handler.md §4.2): a request to <c>/api/…</c> that matches an HTTP function's
/// route and methods is forwarded to the handler with its path, query, headers and body, plus the host's
/// headers; the handler's answer goes back as it is. Auth levels are not enforced, as with Core Tools locally.
/// </summary>
public static class HttpForwarder
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "TE", "Trailer",
    };

    public static WebApplication Build(FunctionApp app, HandlerProcess handler, HttpClient http, HostLog log, int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://localhost:{port}");
        builder.Logging.ClearProviders();
        var web = builder.Build();
        var functions = app.Functions.OfType<HttpFunction>().ToList();
        var prefix = app.RoutePrefix.Trim('/');

        web.Map("/{**path}", async (HttpContext context) =>
        {
            var path = context.Request.Path.Value ?? "/";
            var function = Match(functions, prefix, path, context.Request.Method);
            if (function is null)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                await context.Response.WriteAsJsonAsync(new { error = $"no function answers {context.Request.Method} {path}" });
                return;
            }

            if (!function.Forwarded)
            {
                context.Response.StatusCode = StatusCodes.Status501NotImplemented;
                await context.Response.WriteAsJsonAsync(new { error = $"{function.Name} is not a forwarded HTTP function; ingest host forwards only" });
                return;
            }

            var clock = Stopwatch.StartNew();
            await handler.WaitReadyAsync(context.RequestAborted);
            using var request = CopyRequest(context.Request, handler.BaseAddress);
            try
            {
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
                context.Response.StatusCode = (int)response.StatusCode;
                foreach (var header in response.Headers.Concat(response.Content.Headers).Where(h => !HopByHop.Contains(h.Key)))
                {
                    context.Response.Headers[header.Key] = header.Value.ToArray();
                }

                await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
                log.Write($"{function.Name} (http {context.Request.Method} {path}) {clock.ElapsedMilliseconds} ms {(int)response.StatusCode}");
            }
            catch (HttpRequestException ex)
            {
                context.Response.StatusCode = StatusCodes.Status502BadGateway;
                await context.Response.WriteAsJsonAsync(new { error = "the handler did not answer" });
                log.Write($"{function.Name} (http {context.Request.Method} {path}) failed: {ex.Message}");
            }
        });
        return web;
    }

    private static HttpFunction? Match(IEnumerable<HttpFunction> functions, string prefix, string path, string method)
    {
        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (prefix.Length > 0)
        {
            if (segments.Length == 0 || !segments[0].Equals(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            segments = segments[1..];
        }

        return functions.FirstOrDefault(f =>
            (f.Methods.Count == 0 || f.Methods.Contains(method.ToUpperInvariant())) && RouteMatches(f.Route, segments));
    }

    private static bool RouteMatches(string route, string[] segments)
    {
        var template = route.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < template.Length; i++)
        {
            var part = template[i];
            if (part.StartsWith("{*", StringComparison.Ordinal))
            {
                return true;
            }

            if (i >= segments.Length)
            {
                return part.EndsWith("?}", StringComparison.Ordinal);
            }

            if (!(part.StartsWith('{') && part.EndsWith('}')) && !part.Equals(segments[i], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return template.Length == segments.Length;
    }

    private static HttpRequestMessage CopyRequest(HttpRequest incoming, Uri handler)
    {
        var message = new HttpRequestMessage(new HttpMethod(incoming.Method), new Uri(handler, incoming.Path + incoming.QueryString));
        if (incoming.ContentLength > 0)
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
        if (incoming.HttpContext.Connection.RemoteIpAddress is { } connected)
        {
            var client = connected.IsIPv4MappedToIPv6 ? connected.MapToIPv4() : connected;
            message.Headers.Remove("X-Forwarded-For");
            var claimed = incoming.Headers["X-Forwarded-For"].ToString();
            message.Headers.TryAddWithoutValidation("X-Forwarded-For", claimed.Length > 0 ? $"{claimed}, {client}" : client.ToString());
        }

        message.Headers.TryAddWithoutValidation("X-Azure-Functions-HostVersion", FunctionInvoker.HostVersion);
        message.Headers.TryAddWithoutValidation("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString());
        message.Headers.TryAddWithoutValidation("User-Agent", $"Azure-Functions-Host/{FunctionInvoker.HostVersion}");
        return message;
    }
}
