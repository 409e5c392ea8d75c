using System.Net;

namespace Ingest.Functions.Pages;

/// <summary>The small pages a subscriber lands on from a mail: one message, readable on a phone, nothing remote.</summary>
public static class Page
{
    /// <param name="body">Trusted markup; anything from outside must be encoded by the caller.</param>
    public static IResult Html(string title, string body, int status = StatusCodes.Status200OK) =>
        Results.Content($"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{WebUtility.HtmlEncode(title)} · Ingest</title>
            <style>body{"{"}font-family:system-ui,sans-serif;max-width:36em;margin:3em auto;padding:0 1em;line-height:1.5;color:#222{"}"}
            button{"{"}font-size:1em;padding:.6em 1.2em;border:0;border-radius:4px;background:#1a5fb4;color:#fff;cursor:pointer{"}"}</style>
            </head><body><h1>{WebUtility.HtmlEncode(title)}</h1>{body}</body></html>
            """, "text/html; charset=utf-8", statusCode: status);
}
