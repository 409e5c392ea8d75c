using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;

namespace Ingest.Core.Fetching;

/// <summary>
/// Fetches feeds and pages politely: conditional GET, a per-host concurrency limit, redirects followed by
/// hand (to tell permanent moves and loops apart), a size cap enforced while streaming, and a time limit on
/// the whole exchange. The time limit starts once a slot on the host is had: waiting behind a slow feed of the
/// same site is not the fetch's fault, so a fetch that waits too long is reported busy, not failed. Never
/// throws for what the network or the server does; see <see cref="FetchResult"/>.
/// </summary>
public sealed class FeedFetcher(HttpClient httpClient, FetchOptions options, TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _hosts = new(StringComparer.OrdinalIgnoreCase);

    public async Task<FetchResult> FetchAsync(FetchRequest request, CancellationToken cancellationToken = default)
    {
        using var deadline = new CancellationTokenSource(Timeout.InfiniteTimeSpan, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        // Where the exchange has got to, so a failure names the address that failed.
        var at = new StrongBox<Uri>(request.Uri);
        try
        {
            return await FollowAsync(request, at, deadline, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return Failed(request, at.Value!, null, $"timed out after {options.Timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException ex)
        {
            return Failed(request, at.Value!, null, Describe(ex));
        }
        catch (BodyTooLargeException ex)
        {
            return Failed(request, at.Value!, 200, ex.Message);
        }
        catch (IOException ex)
        {
            return Failed(request, at.Value!, null, $"connection failed while reading: {ex.Message}");
        }
    }

    /// <summary>
    /// The exchange, hop by hop: a slot on each hop's host, the deadline started with the first, redirects followed
    /// while they are usable, and the final answer read.
    /// </summary>
    private async Task<FetchResult> FollowAsync(FetchRequest request, StrongBox<Uri> at, CancellationTokenSource deadline, CancellationToken cancellationToken)
    {
        var permanent = true;
        var visited = new HashSet<Uri> { request.Uri };
        for (var redirects = 0; ; redirects++)
        {
            var uri = at.Value!;
            var host = _hosts.GetOrAdd(uri.Host, _ => new SemaphoreSlim(options.MaxConcurrencyPerHost));
            if (!await WaitForSlotAsync(host, cancellationToken).ConfigureAwait(false))
            {
                return new FetchResult(FetchStatus.HostBusy, request.Uri, uri,
                    Error: $"waited {options.MaxHostWait.TotalSeconds:0.#} s for one of the {options.MaxConcurrencyPerHost} request slots of {uri.Host}");
            }

            if (redirects == 0)
            {
                deadline.CancelAfter(options.Timeout);
            }

            try
            {
                using var message = CreateRequest(uri, request);
                using var response = await httpClient.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                if (status is not (301 or 302 or 303 or 307 or 308))
                {
                    return await AnswerAsync(request, uri, response, permanent && uri != request.Uri ? uri : null, cancellationToken).ConfigureAwait(false);
                }

                var (next, refused) = Redirect(request, uri, response, visited, redirects);
                if (refused is not null)
                {
                    return refused;
                }

                permanent &= status is 301 or 308;
                at.Value = next!;
            }
            finally
            {
                host.Release();
            }
        }
    }

    /// <summary>Where a redirect leads, or why it is not followed (no usable Location, a loop, too many hops).</summary>
    private (Uri? Next, FetchResult? Refused) Redirect(FetchRequest request, Uri uri, HttpResponseMessage response, HashSet<Uri> visited, int redirects)
    {
        var status = (int)response.StatusCode;
        var next = response.Headers.Location is { } location ? new Uri(uri, location) : null;
        if (next is null || next.Scheme is not ("http" or "https"))
        {
            return (null, Failed(request, uri, status, $"redirect {status} without a usable Location"));
        }

        if (!visited.Add(next))
        {
            return (null, Failed(request, uri, status, $"redirect loop at {next}"));
        }

        return redirects + 1 > options.MaxRedirects
            ? (null, Failed(request, uri, status, $"more than {options.MaxRedirects} redirects"))
            : (next, null);
    }

    /// <summary>What a final answer means for the poll: unchanged, gone, come back later, a body to read, or a failure.</summary>
    private async Task<FetchResult> AnswerAsync(FetchRequest request, Uri uri, HttpResponseMessage response, Uri? movedTo, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        return status switch
        {
            304 => new FetchResult(FetchStatus.NotModified, request.Uri, uri, status, ETag: request.ETag, LastModified: request.LastModified,
                MaxAge: MaxAge(response), PermanentUri: movedTo),
            410 => new FetchResult(FetchStatus.Gone, request.Uri, uri, status, PermanentUri: movedTo, Error: "410 Gone: the server says this address is gone for good"),
            429 or 503 => new FetchResult(FetchStatus.RetryLater, request.Uri, uri, status, RetryAfter: RetryAfter(response),
                PermanentUri: movedTo, Error: $"{status} {response.ReasonPhrase}: the server asks to come back later"),
            >= 200 and < 300 => await ReadBodyAsync(request, uri, response, movedTo, cancellationToken).ConfigureAwait(false),
            _ => Failed(request, uri, status, $"HTTP {status} {response.ReasonPhrase}"),
        };
    }

    /// <summary>False when no slot came free within <see cref="FetchOptions.MaxHostWait"/>.</summary>
    private async Task<bool> WaitForSlotAsync(SemaphoreSlim host, CancellationToken cancellationToken)
    {
        using var wait = new CancellationTokenSource(options.MaxHostWait, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, wait.Token);
        try
        {
            await host.WaitAsync(linked.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (wait.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private HttpRequestMessage CreateRequest(Uri uri, FetchRequest request)
    {
        var message = new HttpRequestMessage(HttpMethod.Get, uri) { Version = HttpVersion.Version11 };
        message.Headers.UserAgent.ParseAdd(options.UserAgent);
        message.Headers.Accept.ParseAdd("application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.5");
        if (request.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out var parsed))
        {
            message.Headers.IfNoneMatch.Add(parsed);
        }

        if (request.LastModified is { } lastModified)
        {
            message.Headers.IfModifiedSince = lastModified;
        }

        return message;
    }

    private async Task<FetchResult> ReadBodyAsync(FetchRequest request, Uri uri, HttpResponseMessage response, Uri? movedTo, CancellationToken cancellationToken)
    {
        var content = response.Content;
        if (content.Headers.ContentLength is { } declared && declared > options.MaxBytes)
        {
            throw new BodyTooLargeException($"body of {declared} bytes is over the {options.MaxBytes}-byte limit");
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > options.MaxBytes)
            {
                throw new BodyTooLargeException($"body is over the {options.MaxBytes}-byte limit; stopped reading");
            }

            buffer.Write(chunk, 0, read);
        }

        return new FetchResult(
            FetchStatus.Ok,
            request.Uri,
            uri,
            (int)response.StatusCode,
            buffer.ToArray(),
            content.Headers.ContentType?.MediaType,
            content.Headers.ContentType?.CharSet,
            response.Headers.ETag?.ToString(),
            content.Headers.LastModified,
            MaxAge(response),
            PermanentUri: movedTo);
    }

    private static TimeSpan? MaxAge(HttpResponseMessage response) =>
        response.Headers.CacheControl is { NoStore: false, NoCache: false, MaxAge: { } maxAge } ? maxAge : null;

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date > timeProvider.GetUtcNow() ? date - timeProvider.GetUtcNow() : TimeSpan.Zero,
        _ => null,
    };

    private static FetchResult Failed(FetchRequest request, Uri uri, int? status, string error) =>
        new(FetchStatus.Failed, request.Uri, uri, status, Error: error);

    private static string Describe(HttpRequestException ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (e is FetchRefusedException refused)
            {
                return refused.Message;
            }
        }

        var inner = ex.InnerException?.Message;
        return inner is null || ex.Message.Contains(inner, StringComparison.Ordinal) ? ex.Message : $"{ex.Message} ({inner})";
    }

    private sealed class BodyTooLargeException(string message) : Exception(message);
}
