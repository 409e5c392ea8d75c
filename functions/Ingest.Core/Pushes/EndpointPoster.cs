using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Ingest.Core.Fetching;
using Ingest.Core.Mail;
using Ingest.Core.Model;

namespace Ingest.Core.Pushes;

/// <summary>
/// Posts one push to one endpoint, through the feeds' HTTP handler (<see cref="FetchHttpHandler"/>: the address policy
/// at connect time, no proxy, no redirects followed) within <see cref="PushOptions.Timeout"/>, reading at most
/// <see cref="PushOptions.MaxAnswerBytes"/> of the answer. A 2xx answer is delivered. Timeouts, lost connections, 408,
/// 429 and 5xx are tried again later; any other answer (4xx, a redirect) and an address the policy refuses are final:
/// sending the same thing to the same place cannot help, and the reason is shown on the subscriber's preferences page.
/// </summary>
public sealed class EndpointPoster(HttpClient httpClient, PushOptions options, FetchOptions fetch, TimeProvider timeProvider)
{
    /// <exception cref="DeliveryException">Nothing was taken; <see cref="DeliveryException.Permanent"/> when a retry cannot help.</exception>
    public async Task PostAsync(PushEndpoint endpoint, PushMessage message, CancellationToken cancellationToken)
    {
        var body = PushPayload.Write(endpoint.Kind, message);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation("User-Agent", fetch.UserAgent);
        if (endpoint.Kind == PushKind.Webhook)
        {
            request.Headers.Add(WebhookSignature.DeliveryHeader, message.DeliveryId);
            request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(endpoint.Secret ?? "", timeProvider.GetUtcNow(), body));
        }

        using var deadline = new CancellationTokenSource(options.Timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            var said = await ReadSomeAsync(response.Content, linked.Token).ConfigureAwait(false);
            throw Refusal(response.StatusCode, response.Headers.Location, said);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new DeliveryException($"{endpoint.Shown} did not answer within {options.Timeout.TotalSeconds:0.#} s; tried again later");
        }
        catch (HttpRequestException ex) when (ex.InnerException is FetchRefusedException refused)
        {
            throw new DeliveryException($"{endpoint.Shown} is not an address Ingest posts to: {refused.Message}", permanent: true, ex);
        }
        catch (HttpRequestException ex)
        {
            throw new DeliveryException($"{endpoint.Shown} could not be reached ({ex.HttpRequestError}); tried again later", inner: ex);
        }
    }

    private static DeliveryException Refusal(HttpStatusCode status, Uri? location, string said)
    {
        var code = (int)status;
        var answer = $"answered {code} {status}{(said.Length > 0 ? $": {said}" : "")}";
        return code is 408 or 425 or 429 or >= 500
            ? new DeliveryException($"the endpoint {answer}; tried again later")
            : code is >= 300 and < 400
                ? new DeliveryException($"the endpoint redirects{(location is null ? "" : $" to {location}")}, and pushes follow no redirects: give its final address", permanent: true)
                : new DeliveryException($"the endpoint {answer}; not tried again: change or remove the endpoint", permanent: true);
    }

    /// <summary>The start of an answer, as one line of printable text; a huge answer is never read past the cap.</summary>
    private async Task<string> ReadSomeAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var buffer = new byte[options.MaxAnswerBytes];
        var read = 0;
        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        while (read < buffer.Length && await stream.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false) is > 0 and var n)
        {
            read += n;
        }

        var text = Encoding.UTF8.GetString(buffer, 0, read);
        return PushText.Clip(new string([.. text.Select(c => char.IsControl(c) ? ' ' : c)]), 200);
    }
}
