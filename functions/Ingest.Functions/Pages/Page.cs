using System.Net;
using System.Text;

namespace Ingest.Functions.Pages;

/// <summary>
/// Every page Ingest serves: one stylesheet and at most a script of its own, nothing remote, and a
/// Content-Security-Policy that lets nothing else run, so text from a feed can never become script.
/// </summary>
public static class Page
{
    /// <summary>Only this app's own stylesheet and scripts; forms post back to it; no frames, no inline code.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /// <param name="body">Trusted markup; anything from outside must be encoded by the caller.</param>
    /// <param name="script">The name of a script under <c>/api/assets/</c>, for the pages that need one.</param>
    public static IResult Html(string title, string body, int status = StatusCodes.Status200OK, string? script = null, string? bodyClass = null) =>
        new HtmlResult($"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{WebUtility.HtmlEncode(title)} · Ingest</title>
            <link rel="icon" href="data:,"><link rel="stylesheet" href="/api/assets/ingest.css">{(script is null ? "" : $"<script src=\"/api/assets/{script}\" defer></script>")}
            </head><body{(bodyClass is null ? "" : $" class=\"{bodyClass}\"")}><main><h1>{WebUtility.HtmlEncode(title)}</h1>{body}</main></body></html>
            """, status);

    /// <summary>A form's errors, one item per field, encoded.</summary>
    public static string ErrorList(IEnumerable<KeyValuePair<string, string>> errors) =>
        "<ul>" + string.Concat(errors.Select(e => $"<li>{WebUtility.HtmlEncode(e.Key)}: {WebUtility.HtmlEncode(e.Value)}</li>")) + "</ul>";

    private sealed class HtmlResult(string html, int status) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = status;
            response.ContentType = "text/html; charset=utf-8";
            response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
            response.Headers.XContentTypeOptions = "nosniff";
            // Signed links carry their token in the address: never hand it to an article's site.
            response.Headers["Referrer-Policy"] = "no-referrer";
            response.Headers.CacheControl = "no-store";
            await response.WriteAsync(html, Encoding.UTF8, httpContext.RequestAborted);
        }
    }
}
