using System.Globalization;
using Ingest.Functions.Pages;

namespace Ingest.Functions.Http;

/// <summary>
/// What a client gets when an HTTP function fails: never a success. Storage that does not answer is a 503 with
/// <c>Retry-After</c> (the request did nothing, and the same request will work once storage is back); anything else is
/// a 500. One plain sentence either way, as a page to a browser and as JSON to everything else.
/// </summary>
public static class FailureAnswer
{
    public const int RetryAfterSeconds = 30;

    public const string StorageDown = "Ingest's storage is not answering just now, so nothing was done. Please try the same request again in a minute.";

    public const string Failed = "Ingest could not answer this request because of a fault on its side, which has been logged. Nothing was done.";

    public static async Task WriteAsync(HttpContext http, bool storageDown)
    {
        var response = http.Response;
        if (response.HasStarted)
        {
            // Too late for a status; the client sees the answer cut short, which is still not a success.
            http.Abort();
            return;
        }

        response.Clear();
        var status = storageDown ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
        var message = storageDown ? StorageDown : Failed;
        if (storageDown)
        {
            response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        }

        response.Headers.CacheControl = "no-store";
        response.Headers.XContentTypeOptions = "nosniff";
        var answer = WantsPage(http.Request)
            ? Page.Message(storageDown ? "Not available just now" : "Something went wrong", message, status)
            : Results.Json(new { error = message }, statusCode: status);
        await answer.ExecuteAsync(http);
    }

    private static bool WantsPage(HttpRequest request) =>
        request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
}
