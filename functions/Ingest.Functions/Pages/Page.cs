using System.Text;
using Ingest.Views;
using Ingest.Views.Common;
using Microsoft.AspNetCore.Components;

namespace Ingest.Functions.Pages;

/// <summary>
/// Every page Ingest serves is a Razor component (<c>Ingest.Views</c>), so text from a feed or a form is encoded by
/// construction. One stylesheet, at most a script of the app's own, nothing remote, and a Content-Security-Policy
/// that lets nothing else run.
/// </summary>
public static class Page
{
    /// <summary>Only this app's own stylesheet and scripts; forms post back to it; no frames, no inline code.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /// <summary>A page whose component takes one parameter, <c>Model</c>.</summary>
    public static IResult Show<TComponent>(object model, int status = StatusCodes.Status200OK) where TComponent : IComponent =>
        new ComponentResult<TComponent>(new Dictionary<string, object?> { ["Model"] = model }, status);

    public static IResult Show<TComponent>(Dictionary<string, object?> parameters, int status = StatusCodes.Status200OK) where TComponent : IComponent =>
        new ComponentResult<TComponent>(parameters, status);

    /// <summary>A page that says one thing, and where to go next.</summary>
    public static IResult Message(string title, string message, int status, string? linkText = null, string? linkHref = null) =>
        Show<MessagePage>(new MessageView(title, message, linkText, linkHref), status);

    /// <summary>A page rendered earlier (one rendering shared by many requests), with the same headers as any page.</summary>
    public static IResult Rendered(string html, int status = StatusCodes.Status200OK) => new HtmlResult(html, status);

    private sealed class ComponentResult<TComponent>(Dictionary<string, object?> parameters, int status) : IResult where TComponent : IComponent
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var html = await httpContext.RequestServices.GetRequiredService<ViewRenderer>().RenderAsync<TComponent>(parameters);
            await new HtmlResult(html, status).ExecuteAsync(httpContext);
        }
    }

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
