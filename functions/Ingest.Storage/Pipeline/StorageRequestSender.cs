using System.Text.Json;
using System.Xml;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Ingest.Storage.Pipeline;

/// <summary>
/// Sends requests through the Azure.Core pipeline and turns every failure into one
/// <see cref="RequestFailedException"/> carrying the HTTP status and the storage error code.
/// </summary>
internal sealed class StorageRequestSender(HttpPipeline pipeline, string serviceName, Uri endpoint)
{
    public HttpPipeline Pipeline { get; } = pipeline;

    public Uri Endpoint { get; } = endpoint;

    public HttpMessage CreateMessage(RequestMethod method, Uri uri)
    {
        var message = Pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(uri);
        return message;
    }

    /// <summary>Sends the message; returns the response when its status is one of <paramref name="accepted"/>, throws otherwise.</summary>
    public async Task<Response> SendAsync(HttpMessage message, CancellationToken cancellationToken, params int[] accepted)
    {
        try
        {
            await Pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (TransportFailure(ex) is { } failure)
        {
            // Connection refused, DNS or TLS failures; after spent retries Azure.Core wraps every try in an AggregateException.
            throw new RequestFailedException(
                0,
                $"Cannot reach {serviceName} storage at {Endpoint}: {failure.InnerException?.Message ?? failure.Message}",
                "ServiceUnreachable",
                ex);
        }

        var response = message.Response;
        if (accepted.Contains(response.Status))
        {
            return response;
        }

        throw CreateException(response);
    }

    private static RequestFailedException? TransportFailure(Exception ex) => ex switch
    {
        RequestFailedException { Status: 0 } direct => direct,
        AggregateException aggregate => aggregate.InnerExceptions.OfType<RequestFailedException>().LastOrDefault(e => e.Status == 0),
        _ => null,
    };

    public RequestFailedException CreateException(Response response)
    {
        var (code, detail) = ReadError(response);
        var text = $"{serviceName} storage at {Endpoint} answered {response.Status} {response.ReasonPhrase}"
            + (code is null ? "" : $" ({code})")
            + (string.IsNullOrWhiteSpace(detail) ? "" : $": {FirstLine(detail)}");
        return new RequestFailedException(response.Status, text, code, null);
    }

    private static (string? Code, string? Detail) ReadError(Response response)
    {
        response.Headers.TryGetValue("x-ms-error-code", out var headerCode);
        var body = response.Content?.ToString();
        if (string.IsNullOrWhiteSpace(body))
        {
            return (headerCode, null);
        }

        try
        {
            if (body.TrimStart().StartsWith('{'))
            {
                var (code, detail) = ReadODataError(body);
                return (headerCode ?? code, detail ?? body);
            }
            else if (body.TrimStart().StartsWith('<'))
            {
                var xml = new XmlDocument { XmlResolver = null };
                using var reader = XmlReader.Create(new StringReader(body), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
                xml.Load(reader);
                return (headerCode ?? xml.SelectSingleNode("/Error/Code")?.InnerText, xml.SelectSingleNode("/Error/Message")?.InnerText);
            }
        }
        catch (Exception ex) when (ex is JsonException or XmlException)
        {
            // An unreadable error body still leaves the status and header code to report.
        }

        return (headerCode, body);
    }

    /// <summary>Reads <c>{"odata.error":{"code":…,"message":{"value":…}}}</c>, the table service's error body.</summary>
    internal static (string? Code, string? Detail) ReadODataError(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.TryGetProperty("odata.error", out var error))
            {
                var code = error.TryGetProperty("code", out var c) ? c.GetString() : null;
                var detail = error.TryGetProperty("message", out var m) && m.TryGetProperty("value", out var v) ? v.GetString() : null;
                return (code, detail);
            }
        }
        catch (JsonException)
        {
            // Not the service's error shape; the caller still has the status.
        }

        return (null, null);
    }

    private static string FirstLine(string text)
    {
        var line = text.Trim().Split('\n')[0].Trim();
        return line.Length > 300 ? line[..300] + "…" : line;
    }
}
